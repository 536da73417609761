export * from './loops.module.js';
export { LoopsDemo, type DemoLoop } from './loops.demo.js';
export { LoopsSetup } from './loops.setup.js';
export type { RoundContextRow } from './kits/kits.repository.js';
export { LoopsService } from './loops/loops.service.js';
export { effectiveStatus, effectiveStatusSql, isClosed } from './loops/loop-status.js';
