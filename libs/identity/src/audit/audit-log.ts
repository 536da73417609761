import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page } from '@loopwright/core';
import { keysetPage, LATEST_AT_FIRST, type SqlParams } from '@loopwright/database';
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { AuditEventDto, ListAuditEventsQueryDto } from './audit-event.dto.js';
import type { Actor } from '../actor.js';
import { AuditEvent, type FieldChanges } from './audit-event.entity.js';

const SECRET_FIELD = /password|token|secret|hash/i;

/**
 * Fields whose values are personal data wherever they appear (contact details, free text that may name or describe
 * a person): the audit keeps that they changed, never the values. A field called `name` is personal only where the
 * caller says so (`personal`): a candidate's or user's name is, a pillar's is not.
 */
export const PERSONAL_FIELD = /^(email|phone|source|notes?|summary|reason)$/i;

/** What an audit event keeps of a personal value: whether there was one, never what it was. */
export const PERSONAL_VALUE = '[personal]';

export interface AuditEntry {
  /** `user.created`, `scorecard.submitted`, ... */
  action: string;
  entityType: string;
  entityId: string;
  changes?: FieldChanges;
  /** Further fields of `changes` whose values are personal data here (beyond PERSONAL_FIELD), e.g. `['name']`. */
  personal?: readonly string[];
}

/** The before/after of the fields that differ (`record` masks secrets and personal values before storing them). */
export function changesBetween<T extends object>(before: Partial<T> | null, after: Partial<T>, fields: (keyof T & string)[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    const previous = before?.[field] ?? null;
    const next = after[field] ?? null;
    if (JSON.stringify(previous) !== JSON.stringify(next)) changes[field] = { before: previous, after: next };
  }
  return changes;
}

const masked = (change: { before: unknown; after: unknown }, mask: string) => ({
  before: change.before === null ? null : mask,
  after: change.after === null ? null : mask,
});

/** Secrets masked, personal values replaced by PERSONAL_VALUE: only the field names (and whether a value was set) stay. */
export function maskChanges(changes: FieldChanges, personal: readonly string[] = []): FieldChanges {
  return Object.fromEntries(
    Object.entries(changes).map(([field, change]) => {
      if (SECRET_FIELD.test(field)) return [field, masked(change, '[masked]')];
      if (PERSONAL_FIELD.test(field) || personal.includes(field)) return [field, masked(change, PERSONAL_VALUE)];
      return [field, change];
    }),
  );
}

const toAuditEventDto = (event: AuditEvent): AuditEventDto => ({
  id: event.id,
  actorId: event.actorId,
  action: event.action,
  entityType: event.entityType,
  entityId: event.entityId,
  at: event.at,
  changes: event.changes,
  requestId: event.requestId,
});

/** Writes audit events inside the caller's transaction, so an event exists exactly when its change does. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: ListAuditEventsQueryDto): Promise<Page<AuditEventDto>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(AuditEvent, 'e')
      .where('e.organization_id = :organizationId', { organizationId: actor.organizationId });
    if (query.entityType) builder.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) builder.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) builder.andWhere('e.action = :action', { action: query.action });
    return keysetPage(builder, { ...LATEST_AT_FIRST, direction: query.order === 'asc' ? 'ASC' : 'DESC' }, query, toAuditEventDto);
  }

  /**
   * For a change that must stay ONE statement (the draft save: its conditional UPDATE and its event), the event as a
   * data-modifying step of the caller's statement: `WITH saved AS (UPDATE ... RETURNING ...), audited AS (<this>)`,
   * one event per row of `rows` (a name of that statement). `entityId` and `changes` are SQL expressions over the
   * row, written by the calling code, never input; they must carry no secret and no personal value (nothing is
   * masked here: name the fields, as the draft save does). The actor,
   * action and request are bound through `params`. Written like `record`'s rows (a test compares the two).
   */
  recordEachSql(
    params: SqlParams,
    actor: Pick<Actor, 'organizationId' | 'userId' | 'requestId'>,
    entry: { action: string; entityType: string; rows: string; entityId: string; changes: string },
  ): string {
    return `INSERT INTO audit_events (organization_id, actor_id, action, entity_type, entity_id, changes, request_id)
       SELECT ${params.add(actor.organizationId)}::uuid, ${params.add(actor.userId)}::uuid, ${params.add(entry.action)}::text,
              ${params.add(entry.entityType)}::text, ${entry.entityId}, ${entry.changes}, ${params.add(actor.requestId)}::text
         FROM ${entry.rows}`;
  }

  /** `<entityType>.created`: the new row's audited `fields`, each changed from null. */
  recordCreated<T extends object>(
    manager: EntityManager,
    actor: Actor,
    entityType: string,
    entityId: string,
    created: T,
    fields: (keyof T & string)[],
    personal?: readonly string[],
  ): Promise<void> {
    return this.record(manager, actor, {
      action: `${entityType}.created`,
      entityType,
      entityId,
      changes: changesBetween(null, created, fields),
      personal,
    });
  }

  /**
   * Erasure: the audit events about these entities (a candidate, their loops, rounds, scorecards, …) keep who did
   * what to which id and which fields changed, never the values: each `before`/`after` that was not null becomes
   * "[erased]". One statement; returns how many events were scrubbed.
   */
  async scrubValuesFor(manager: EntityManager, organizationId: string, entityIds: readonly string[]): Promise<number> {
    if (entityIds.length === 0) return 0;
    const [, affected] = await manager.query<[unknown, number]>(
      `UPDATE audit_events
          SET changes = COALESCE((
                SELECT jsonb_object_agg(key, jsonb_build_object(
                         'before', CASE WHEN jsonb_typeof(value -> 'before') IN ('null') OR value -> 'before' IS NULL THEN 'null'::jsonb ELSE '"[erased]"'::jsonb END,
                         'after', CASE WHEN jsonb_typeof(value -> 'after') IN ('null') OR value -> 'after' IS NULL THEN 'null'::jsonb ELSE '"[erased]"'::jsonb END))
                  FROM jsonb_each(changes)), '{}'::jsonb)
        WHERE organization_id = $1 AND entity_id = ANY($2::uuid[]) AND changes <> '{}'::jsonb`,
      [organizationId, [...entityIds]],
    );
    return affected;
  }

  /** The audit events about these entities, oldest first (an access request's data export): one statement. */
  async eventsAbout(manager: EntityManager, organizationId: string, entityIds: readonly string[]): Promise<AuditEventDto[]> {
    if (entityIds.length === 0) return [];
    const rows = await manager.find(AuditEvent, { where: { organizationId, entityId: In([...entityIds]) }, order: { at: 'ASC', id: 'ASC' } });
    return rows.map(toAuditEventDto);
  }

  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    const event: AuditEvent = manager.create(AuditEvent, {
      id: randomUUID(),
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      changes: maskChanges(entry.changes ?? {}, entry.personal),
      requestId: actor.requestId,
    });
    await manager.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>);
  }
}
