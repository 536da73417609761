export * from './loops.module.js';
