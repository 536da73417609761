export * from './loops.module.js';
export type { RoundContextRow } from './kits/kits.repository.js';
export { LoopsService } from './loops/loops.service.js';
export { CLOSED_LOOP_STATUSES, effectiveStatus, effectiveStatusSql, isClosed } from './loops/loop-status.js';
export { loopClosed } from './loops.errors.js';
export type { LoopDto, LoopRoundDto } from './loops/loop.dto.js';
export type { EndedSeat, LoopForReport, PositionRound } from './loops/loops.service.js';
export { LOOP_STATUSES, type LoopStatus } from './loops/loop.entity.js';
