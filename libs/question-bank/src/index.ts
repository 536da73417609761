export * from './pillars/pillar.entity.js';
export * from './pillars/pillars.service.js';
export * from './question-bank.module.js';
