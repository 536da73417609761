export * from './loops.module.js';
export type { RoundContextRow } from './kits/kits.repository.js';
export { LoopsService } from './loops/loops.service.js';
export { effectiveStatus, effectiveStatusSql, isClosed } from './loops/loop-status.js';
