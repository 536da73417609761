// Jest loads global setup outside its module mapper, so it runs the built code (`npm test` builds first).
export { default } from '../dist/libs/testing/src/global-setup.js';
