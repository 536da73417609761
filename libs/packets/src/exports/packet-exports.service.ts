import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppError, notFound, validationFailed } from '@loopwright/core';
import { JobQueue } from '@loopwright/database';
import { AccessLog, AuditLog, hasRole, type Actor } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { ScorecardsService } from '@loopwright/scorecards';
import { createReadStream, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { PacketTemplatesService } from '../custom-templates/packet-templates.service.js';
import type { ExportArchive } from './export-download.js';
import { exportArchivePath } from './export-files.js';
import type { CreatePacketExportDto, PacketExportDto } from './packet-export.dto.js';
import { PacketExport } from './packet-export.entity.js';
import { PACKET_EXPORT_QUEUE, type PacketExportJob } from './packet-exports.constants.js';

export const toExportDto = (row: PacketExport): PacketExportDto => ({
  id: row.id,
  status: row.status,
  format: row.format,
  progress: row.loopIds.length === 0 ? 1 : Math.min(1, row.done / row.loopIds.length),
  total: row.loopIds.length,
  done: row.done,
  error: row.error,
  positionId: row.positionId,
  requestedBy: row.requestedBy,
  createdAt: row.createdAt,
  finishedAt: row.finishedAt,
  sha256: row.sha256,
  sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
  downloadUrl: row.status === 'done' ? `/api/exports/${row.id}/download` : null,
});

/** Requests and reads bulk exports; the worker makes them (PacketExportRunner). */
@Injectable()
export class PacketExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly queue: JobQueue,
    private readonly loops: LoopsService,
    private readonly templates: PacketTemplatesService,
    private readonly scorecards: ScorecardsService,
    private readonly audit: AuditLog,
    private readonly access: AccessLog,
  ) {}

  async request(actor: Actor, input: CreatePacketExportDto): Promise<PacketExportDto> {
    if (!actor.userId) throw notFound('User');
    const requestedBy = actor.userId;
    const loopIds = await this.resolveLoops(actor, input);
    if (input.templateId) {
      const template = await this.templates.findForRendering(actor.organizationId, input.templateId);
      if (template.format !== (input.format === 'pdf' ? 'html' : input.format)) {
        throw validationFailed([{ field: 'templateId', problems: [`a ${template.format} template cannot make ${input.format} packets`] }]);
      }
    }
    await this.queue.ensureQueue(PACKET_EXPORT_QUEUE);
    const created = await this.dataSource.transaction(async (manager) => {
      const row = manager.create(PacketExport, {
        id: randomUUID(),
        organizationId: actor.organizationId,
        requestedBy,
        positionId: input.positionId ?? null,
        loopIds,
        format: input.format,
        templateId: input.templateId ?? null,
        redactInterviewers: input.redactInterviewers ?? false,
        includeShadows: input.includeShadows ?? false,
        status: 'queued',
        done: 0,
        error: null,
      });
      await manager.insert(PacketExport, row);
      await this.audit.record(manager, actor, {
        action: 'export.requested',
        entityType: 'packet_export',
        entityId: row.id,
        changes: { format: { before: null, after: input.format }, loops: { before: null, after: loopIds.length } },
      });
      return manager.findOneByOrFail(PacketExport, { id: row.id });
    });
    const job: PacketExportJob = { exportId: created.id, organizationId: actor.organizationId };
    // One job per export, even if the request is retried: the export id is the singleton key.
    // A worker that dies mid-job stops the export's heartbeat (packet_exports.heartbeat_at): after
    // EXPORT_STALE_AFTER_SECONDS a worker's watchdog fails the job, and pg-boss retries it (PacketExportWorker).
    await this.queue.boss.send(PACKET_EXPORT_QUEUE, job, { singletonKey: created.id, retryLimit: 3, retryDelay: 2, expireInSeconds: 3600 });
    return toExportDto(created);
  }

  /** The latest exports the actor may see (as `get`: their own; an admin's, the organization's), newest first. */
  async list(actor: Actor, limit: number): Promise<PacketExportDto[]> {
    const admin = hasRole(actor, 'admin');
    if (!admin && !actor.userId) return [];
    const rows = await this.dataSource.manager.find(PacketExport, {
      where: admin ? { organizationId: actor.organizationId } : { organizationId: actor.organizationId, requestedBy: actor.userId! },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map(toExportDto);
  }

  async get(actor: Actor, id: string): Promise<PacketExportDto> {
    return toExportDto(await this.visible(actor, id));
  }

  async download(actor: Actor, id: string): Promise<ExportArchive> {
    const row = await this.visible(actor, id);
    const file = exportArchivePath(this.config.dataDir, row.id);
    if (row.status !== 'done' || !existsSync(file)) {
      throw new AppError('EXPORT_NOT_READY', `The export is ${row.status}; download it when it is done`, HttpStatus.CONFLICT, { status: row.status });
    }
    const candidateIds = await this.loops.candidateIdsOfLoops(actor.organizationId, row.loopIds);
    await this.access.record(actor, { kind: 'export', entityType: 'export', entityId: row.id, candidateIds, format: 'zip' });
    const date = row.createdAt.toISOString().slice(0, 10);
    return { stream: createReadStream(file), fileName: `packets-${date}-${row.id.slice(0, 8)}.zip`, sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes) };
  }

  /**
   * Erasure: the exports that hold any of these loops become `expired` (whatever their state: a running one is not
   * completed afterwards), inside the caller's transaction; with `forget`, the loops' ids leave their lists too (the
   * loops are being deleted). Returns the exports' ids: `removeArchives` deletes their files once the caller commits.
   */
  async expireForLoops(manager: EntityManager, organizationId: string, loopIds: readonly string[], forget: boolean): Promise<string[]> {
    if (loopIds.length === 0) return [];
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE packet_exports
          SET status = 'expired', heartbeat_at = NULL, job_id = NULL,
              loop_ids = CASE WHEN $3 THEN ARRAY(SELECT x FROM unnest(loop_ids) WITH ORDINALITY AS u(x, n) WHERE x <> ALL($2::uuid[]) ORDER BY n) ELSE loop_ids END
        WHERE organization_id = $1 AND loop_ids && $2::uuid[]
        RETURNING id`,
      [organizationId, [...loopIds], forget],
    );
    return rows.map((row) => row.id);
  }

  /** Deletes the archives of these exports (and any partial file of theirs) from DATA_DIR/exports. */
  async removeArchives(exportIds: readonly string[]): Promise<void> {
    const directory = path.dirname(exportArchivePath(this.config.dataDir, 'x'));
    const names = existsSync(directory) ? await readdir(directory) : [];
    for (const id of exportIds) {
      const archive = path.basename(exportArchivePath(this.config.dataDir, id));
      for (const name of names.filter((file) => file === archive || file.startsWith(`${archive}.partial-`))) await rm(path.join(directory, name), { force: true });
    }
  }

  /** The requester and admins see an export; anyone else gets 404. */
  private async visible(actor: Actor, id: string): Promise<PacketExport> {
    const row = await this.dataSource.manager.findOneBy(PacketExport, { organizationId: actor.organizationId, id });
    if (!row || (row.requestedBy !== actor.userId && !hasRole(actor, 'admin'))) throw notFound('Export');
    return row;
  }

  private async resolveLoops(actor: Actor, input: CreatePacketExportDto): Promise<string[]> {
    if (input.positionId !== undefined && input.loopIds !== undefined) {
      throw validationFailed([{ field: 'positionId', problems: ['give either positionId or loopIds, not both'] }]);
    }
    if (input.positionId) {
      const loopIds = await this.loops.loopIdsOfPosition(actor.organizationId, input.positionId);
      if (loopIds === null) throw notFound('Position');
      // The blind rule: a loop where the requester interviews or shadows and has not submitted stays out.
      const hidden = await this.scorecards.loopsHiddenFrom(actor, { positionId: input.positionId });
      return loopIds.filter((id) => !hidden.has(id));
    }
    const loopIds = input.loopIds ?? [];
    const existing = await this.loops.existingLoopIds(actor.organizationId, loopIds);
    const unknown = loopIds.map((id, index) => ({ id, index })).filter(({ id }) => !existing.has(id));
    if (unknown.length > 0) throw validationFailed(unknown.map(({ index }) => ({ field: `loopIds.${index}`, problems: ['not a loop of this organization'] })));
    // The blind rule: naming a loop where the requester interviews or shadows and has not submitted is refused.
    await this.scorecards.assertMayReadOthersOfAll(actor, loopIds);
    return loopIds;
  }
}
