export * from './privacy.module.js';
export { PRIVACY_ENTITIES } from './privacy.entities.js';
export { ErasureRequest, ERASURE_MODES, type ErasureMode, type ErasureTrigger } from './erasure/erasure-request.entity.js';
export { CreateErasureDto, ErasureDto } from './erasure/erasure.dto.js';
export { anonymousName, ErasureService } from './erasure/erasure.service.js';
export { DataExportService } from './data-export/data-export.service.js';
export type { CandidateDataExportDto } from './data-export/data-export.dto.js';
export { RetentionService, RETENTION_WARNING_DAYS, type RetentionRun } from './retention/retention.service.js';
export { RETENTION_QUEUE, RETENTION_SCHEDULE } from './retention/retention.worker.js';
