import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '@loopwright/core';
import type * as PacketRuntime from '../runtime/packet-runtime.mjs';

export type PacketRuntimeModule = typeof PacketRuntime;

/**
 * Where `packet-runtime.mjs` and `render-worker.mjs` are: plain JavaScript that `nest build` does not copy
 * into dist, so they are found from the project root, like the question bank's seed files. An image must
 * ship `libs/packets/src/runtime/` next to `dist/`.
 */
export const DEFAULT_PACKET_RUNTIME_DIR = path.resolve(projectRoot(), 'libs/packets/src/runtime');

export const packetRuntimeFile = (dir: string): string => path.join(dir, 'packet-runtime.mjs');
export const renderWorkerFile = (dir: string): string => path.join(dir, 'render-worker.mjs');

export async function loadPacketRuntime(dir: string): Promise<PacketRuntimeModule> {
  return (await import(pathToFileURL(packetRuntimeFile(dir)).href)) as PacketRuntimeModule;
}
