import type { FastifyReply } from 'fastify';
import type { ReadStream } from 'node:fs';
import { NO_STORE } from '../packet-headers.js';

export interface ExportArchive {
  stream: ReadStream;
  fileName: string;
  sizeBytes: number | null;
}

/** An export's zip as a download, never cached: for the API's route and the web page's alike. */
export async function sendExportArchive(reply: FastifyReply, archive: ExportArchive): Promise<void> {
  void reply.header('cache-control', NO_STORE).header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${archive.fileName}"`);
  if (archive.sizeBytes !== null) void reply.header('content-length', archive.sizeBytes);
  await reply.send(archive.stream);
}
