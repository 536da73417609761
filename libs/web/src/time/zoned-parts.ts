/** The zone reader is libs/core's (one copy, shared with the notifications and the packet runtime). */
export { zonedPartsReader, type PartOf } from '@loopwright/core';
