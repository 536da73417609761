export { default } from '../dist/libs/testing/src/global-teardown.js';
