import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, type Page } from '@loopwright/core';
import { keysetPage, LATEST_AT_FIRST } from '@loopwright/database';
import type { DataSource } from 'typeorm';
import type { Actor } from '../actor.js';
import type { AccessEventDto, ListAccessEventsQueryDto } from './access-event.dto.js';
import { AccessEvent, type AccessEntityType, type AccessKind } from './access-event.entity.js';

const DAY_MS = 86_400_000;

/** A read to record: what kind, the record read, the candidates whose data it showed, and how. */
export interface AccessRead {
  kind: AccessKind;
  entityType: AccessEntityType;
  entityId: string;
  /** One event per candidate (duplicates dropped); none given: one event without a candidate. */
  candidateIds: readonly string[];
  format: string | null;
}

const toDto = (row: AccessEvent): AccessEventDto => ({
  id: row.id,
  actorId: row.actorId,
  kind: row.kind,
  entityType: row.entityType,
  entityId: row.entityId,
  candidateId: row.candidateId,
  format: row.format,
  requestId: row.requestId,
  at: row.at,
});

/**
 * Who read what: every feature that shows a candidate's personal data records the read here (one statement,
 * outside any transaction, after the read was allowed). Admins list them; they are deleted after
 * `ACCESS_EVENTS_RETENTION_DAYS` by the worker.
 */
@Injectable()
export class AccessLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** One INSERT, one row per candidate of the read. */
  async record(actor: Actor, read: AccessRead): Promise<void> {
    const candidateIds = read.candidateIds.length > 0 ? [...new Set(read.candidateIds)] : [null];
    await this.dataSource.query(
      `INSERT INTO access_events (organization_id, actor_id, kind, entity_type, entity_id, candidate_id, format, request_id, at)
       SELECT $1, $2, $3, $4, $5, candidate_id, $6, $7, $8 FROM unnest($9::uuid[]) AS candidate_id`,
      [actor.organizationId, actor.userId, read.kind, read.entityType, read.entityId, read.format, actor.requestId, this.clock.now(), candidateIds],
    );
  }

  /** The organization's reads, newest first; filter by candidate, reader or kind. */
  async list(actor: Actor, query: ListAccessEventsQueryDto): Promise<Page<AccessEventDto>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(AccessEvent, 'e')
      .where('e.organization_id = :organizationId', { organizationId: actor.organizationId });
    if (query.candidateId) builder.andWhere('e.candidate_id = :candidateId', { candidateId: query.candidateId });
    if (query.actorId) builder.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.kind) builder.andWhere('e.kind = :kind', { kind: query.kind });
    return keysetPage(builder, LATEST_AT_FIRST, query, toDto);
  }

  /** Deletes the events older than the retention (all organizations); answers how many. */
  async removeExpired(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.accessEventsRetentionDays * DAY_MS);
    const [, affected] = await this.dataSource.query<[unknown[], number]>(`DELETE FROM access_events WHERE at < $1`, [cutoff]);
    return affected;
  }
}
