import { ErasureRequest } from './erasure/erasure-request.entity.js';

/** The privacy feature's tables: the erasure records. */
export const PRIVACY_ENTITIES = [ErasureRequest];
