import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@loopwright/core';
import { normalizePacketViewModel, type PacketViewModel } from '../packet-view-model.js';

/**
 * The documented example packet, in the shipped packet templates' folder: a decided six-round AI-engineer loop
 * as the view-model builder renders it. test/packets-example.e2e-spec.ts makes that loop with the test factories
 * and checks the file against the builder's output (and rewrites it with `UPDATE_PACKET_EXAMPLE=1`).
 */
export const EXAMPLE_PACKET_FILE = 'example-view-model.json';

/**
 * The example packet of `<TEMPLATES_DIR>/packets` (by default the repository's, as tests read it), normalized as
 * templates get it: a fresh copy each call.
 */
export function readExamplePacket(packetsDir = path.resolve(projectRoot(), 'templates/packets')): PacketViewModel {
  const file = path.join(packetsDir, EXAMPLE_PACKET_FILE);
  return normalizePacketViewModel(JSON.parse(readFileSync(file, 'utf8')) as PacketViewModel);
}
