export * from './bootstrap.service.js';
export * from './onboarding.module.js';
export * from './onboarding.service.js';
