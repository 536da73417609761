export * from './loops.module.js';
export type { RoundContextRow } from './kits/kits.repository.js';
export { LoopsService } from './loops/loops.service.js';
export { KitsService } from './kits/kits.service.js';
export { ListAssignmentsQueryDto, type AssignmentDto, type InterviewKitDto } from './kits/kit.dto.js';
export { ListLoopsQueryDto } from './loops/create-loop.dto.js';
export type { LoopListItemDto } from './loops/loop.dto.js';
export { effectiveStatus, effectiveStatusSql, isClosed } from './loops/loop-status.js';
