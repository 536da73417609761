import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@loopwright/core';
import { DomainEvents } from '@loopwright/events';
import { ZipArchive } from 'archiver';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { In, Not, type DataSource } from 'typeorm';
import { PacketTemplatesService } from '../custom-templates/packet-templates.service.js';
import { PacketRenderService, type RenderedPacket } from '../packet-render.service.js';
import { PdfRenderer } from '../pdf/pdf-renderer.js';
import { PacketViewModelBuilder } from '../view-model/packet-view-model.builder.js';
import { exportArchivePath } from './export-files.js';
import { mapInOrder } from './map-in-order.js';
import { PacketExport } from './packet-export.entity.js';
import type { PacketExportJob } from './packet-exports.constants.js';

interface ManifestEntry {
  file: string;
  loopId: string;
  bytes: number;
  sha256: string;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Makes one export's zip: packets rendered a few at once (one more than the PDF pages that may print at once, so
 * that the next packet's view model is built while the pages print) and streamed into the archive one at a time in
 * the export's order (memory stays flat: at most that many packets are held), then `manifest.json` with every
 * file's SHA-256. Idempotent: the archive is written under a name of its own and renamed into place when complete,
 * so a job killed midway and run again leaves one complete archive.
 */
@Injectable()
export class PacketExportRunner {
  private readonly logger = new Logger(PacketExportRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly builder: PacketViewModelBuilder,
    private readonly renderer: PacketRenderService,
    private readonly pdf: PdfRenderer,
    private readonly templates: PacketTemplatesService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * `jobId` is the pg-boss job of this attempt: while it runs, the row says so and gets a heartbeat every
   * EXPORT_HEARTBEAT_SECONDS, so that if this process dies the worker watchdog hands the job back to the queue.
   */
  async run(job: PacketExportJob, jobId: string | null = null): Promise<void> {
    const row = await this.dataSource.manager.findOneBy(PacketExport, { organizationId: job.organizationId, id: job.exportId });
    const target = row ? exportArchivePath(this.config.dataDir, row.id) : null;
    if (!row || !target || row.status === 'expired' || (row.status === 'done' && existsSync(target))) return;
    await this.dataSource.manager.update(PacketExport, { id: row.id }, { status: 'running', done: 0, error: null, jobId, heartbeatAt: () => 'now()' });
    const heartbeat = setInterval(() => {
      this.beat(row.id).catch((error: unknown) => this.logger.warn({ err: error, exportId: row.id }, 'Export heartbeat failed'));
    }, this.config.exportLiveness.heartbeatSeconds * 1000);
    try {
      await this.writeArchive(row, target);
    } catch (error) {
      const now = await this.dataSource.manager.findOneBy(PacketExport, { id: row.id });
      if (now?.status === 'done' && existsSync(target)) {
        // Another attempt at the same export finished first (and removed this one's partial file): nothing failed.
        this.logger.warn({ exportId: row.id }, 'Export completed by another attempt');
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ err: error, exportId: row.id }, 'Export failed');
      // An export expired meanwhile (an erasure) stays expired.
      await this.dataSource.manager.update(PacketExport, { id: row.id, status: Not('expired') }, { status: 'failed', error: message.slice(0, 1000), heartbeatAt: null, jobId: null });
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Database time, so that workers on machines with skewed clocks agree on what is stale. */
  private async beat(exportId: string): Promise<void> {
    await this.dataSource.query(`UPDATE packet_exports SET heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [exportId]);
  }

  /**
   * Running exports whose heartbeat is older than EXPORT_STALE_AFTER_SECONDS (their worker died): each is put back
   * to `queued` (claimed by one watchdog only, even with several workers) and returned with its pg-boss job id.
   */
  async claimStale(): Promise<{ id: string; jobId: string | null }[]> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
    const [rows] = await this.dataSource.query<[{ id: string; job_id: string | null }[], number]>(
      `WITH stale AS (
         SELECT id, job_id FROM packet_exports
         WHERE status = 'running' AND heartbeat_at < now() - $1 * interval '1 second'
         FOR UPDATE SKIP LOCKED
       )
       UPDATE packet_exports AS e SET status = 'queued', heartbeat_at = NULL, job_id = NULL
       FROM stale WHERE e.id = stale.id
       RETURNING e.id, stale.job_id`,
      [this.config.exportLiveness.staleAfterSeconds],
    );
    return rows.map((row) => ({ id: row.id, jobId: row.job_id }));
  }

  /** After the last retry of a dead attempt: the export failed, say why. */
  async markAbandoned(exportId: string): Promise<void> {
    await this.dataSource.manager.update(PacketExport, { id: exportId, status: 'queued' }, { status: 'failed', error: 'The worker stopped while making the export, on every attempt' });
  }

  /** Deletes archives (and marks their exports expired) older than EXPORT_TTL_DAYS, and old partial files. */
  async removeExpired(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.exportTtlDays * 86_400_000);
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE packet_exports SET status = 'expired' WHERE created_at < $1 AND status <> 'expired' RETURNING id`,
      [cutoff],
    );
    for (const { id } of rows) await rm(exportArchivePath(this.config.dataDir, id), { force: true });
    const directory = path.join(this.config.dataDir, 'exports');
    if (existsSync(directory)) await this.removeLeftovers(directory, /\.partial-/);
    return rows.length;
  }

  private async writeArchive(row: PacketExport, target: string): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true });
    const partials = new RegExp(`^${path.basename(target).replaceAll('.', '\\.')}\\.partial-`);
    await this.removeLeftovers(path.dirname(target), partials);
    const partial = `${target}.partial-${randomUUID()}`;
    const template = row.templateId ? await this.templates.findForRendering(row.organizationId, row.templateId) : undefined;
    const output = createWriteStream(partial);
    const archive = new ZipArchive({ zlib: { level: 6 } });
    const written = finished(output);
    archive.pipe(output);
    const manifest: ManifestEntry[] = [];
    try {
      const render = async (loopId: string, index: number): Promise<{ index: number; loopId: string; packet: RenderedPacket }> => {
        const { viewModel } = await this.builder.build(row.organizationId, loopId, { redactInterviewers: row.redactInterviewers, includeShadows: row.includeShadows });
        return { index, loopId, packet: await this.renderer.renderPacket(viewModel, row.format, template) };
      };
      for await (const { index, loopId, packet } of mapInOrder(row.loopIds, this.pdf.concurrency + 1, render)) {
        const file = `${String(index + 1).padStart(4, '0')}-${packet.fileName}`;
        const entryDone = new Promise((resolve) => archive.once('entry', resolve));
        archive.append(typeof packet.body === 'string' ? Buffer.from(packet.body, 'utf8') : packet.body, { name: file });
        await entryDone;
        manifest.push({ file, loopId, bytes: Buffer.byteLength(packet.body), sha256: sha256(packet.body) });
        await this.dataSource.manager.update(PacketExport, { id: row.id }, { done: index + 1 });
      }
      archive.append(
        JSON.stringify({ exportId: row.id, organizationId: row.organizationId, format: row.format, createdAt: row.createdAt, files: manifest }, null, 2),
        { name: 'manifest.json' },
      );
      await archive.finalize();
      await written;
    } catch (error) {
      archive.abort();
      await rm(partial, { force: true });
      throw error;
    }
    const digest = await sha256OfFile(partial);
    const { size } = await stat(partial);
    await rename(partial, target);
    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.update(
        PacketExport,
        // Two attempts finishing the same export: only the first one completes it (and says so). An export expired
        // meanwhile (an erasure of one of its candidates) stays expired, and its archive goes below.
        { id: row.id, status: Not(In(['done', 'expired'])) },
        { status: 'done', done: row.loopIds.length, sha256: digest, sizeBytes: String(size), finishedAt: new Date(), heartbeatAt: null, jobId: null },
      );
      if (affected)
        await this.events.record(manager, { organizationId: row.organizationId, userId: null }, { type: 'export.completed', payload: { exportId: row.id, requestedById: row.requestedBy } });
    });
    const now = await this.dataSource.manager.findOneBy(PacketExport, { id: row.id });
    if (now?.status === 'expired') await rm(target, { force: true });
    // The export is complete: what earlier attempts left (a worker killed midway) is of no use any more, however fresh.
    await this.removeLeftovers(path.dirname(target), partials, null);
  }

  /**
   * Partial archives of an earlier attempt that did not finish (a worker killed midway). Before and between
   * exports only old ones: a fresh one may belong to an attempt still running elsewhere, whose rename must not
   * fail. Once an export is complete, all of its partial files (`olderThanMs` null).
   */
  private async removeLeftovers(directory: string, partial: RegExp, olderThanMs: number | null = 10 * 60_000): Promise<void> {
    const staleBefore = olderThanMs === null ? Infinity : Date.now() - olderThanMs;
    for (const file of await readdir(directory)) {
      if (!partial.test(file)) continue;
      const info = await stat(path.join(directory, file)).catch(() => null);
      if (info && info.mtimeMs < staleBefore) await rm(path.join(directory, file), { force: true });
    }
  }
}
