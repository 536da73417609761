export * from './packet-file-name.js';
export * from './packet-view-model.js';
export * from './packets.errors.js';
export * from './packets.module.js';
export * from './pdf/pdf-renderer.js';
export * from './templates/packet-helpers.js';
export * from './templates/packet-template-engine.js';
export * from './templates/template-formats.js';
export { MAX_TEMPLATE_SOURCE_BYTES } from './templates/template-validator.js';
