import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, conflict, forbidden, notFound, validationFailed, type Page } from '@loopwright/core';
import { DomainEvents, type CandidateField } from '@loopwright/events';
import { AccessLog, AuditLog, changesBetween, hasRole, UsersService, type Actor } from '@loopwright/identity';
import { randomUUID } from 'node:crypto';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation, keysetPage, likePrefix, lockInOrg, NEWEST_FIRST } from '@loopwright/database';
import { candidateEmailTaken, conflictAlreadyDeclared } from '../loops.errors.js';
import { CandidateConflict } from './candidate-conflict.entity.js';
import type { CandidateConflictDto, CandidateDto } from './candidate.dto.js';
import { Candidate } from './candidate.entity.js';
import type { CreateCandidateDto, DeclareConflictDto, ListCandidatesQueryDto, UpdateCandidateDto } from './create-candidate.dto.js';

const AUDITED_FIELDS: (keyof Candidate & string)[] = ['name', 'email', 'phone', 'source', 'notes'];
/** Every audited field of a candidate is personal data: the audit keeps which changed, never the values. */
const PERSONAL_FIELDS = AUDITED_FIELDS;

/** What erased free text reads afterwards (scorecards, conflicts, decisions, …). */
export const ERASED_TEXT = '[erased]';

/** A candidate as the privacy feature finds it before an erasure (locked for the caller's transaction). */
export interface CandidateForErasure {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  legalHold: boolean;
  anonymizedAt: Date | null;
}

/** A candidate the retention policy concerns: every loop closed, the last one at `lastClosedAt`. */
export interface RetainedCandidate {
  id: string;
  lastClosedAt: Date;
}
const EMAIL_INDEX = 'candidates_organization_email_key';
const CONFLICT_INDEX = 'candidate_conflicts_candidate_user_key';

export function toCandidateDto(candidate: Candidate): CandidateDto {
  return {
    id: candidate.id,
    name: candidate.name,
    email: candidate.email,
    phone: candidate.phone,
    source: candidate.source,
    notes: candidate.notes,
    legalHold: candidate.legalHold,
    anonymizedAt: candidate.anonymizedAt,
    createdAt: candidate.createdAt,
    updatedAt: candidate.updatedAt,
  };
}

function toConflictDto(conflict: CandidateConflict): CandidateConflictDto {
  return {
    id: conflict.id,
    candidateId: conflict.candidateId,
    userId: conflict.userId,
    reason: conflict.reason,
    declaredById: conflict.declaredById,
    createdAt: conflict.createdAt,
  };
}

/** Candidates (personal data: staff only) and the conflicts of interest declared with them. */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    private readonly users: UsersService,
    private readonly access: AccessLog,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateCandidateDto): Promise<CandidateDto> {
    return this.dataSource.transaction(async (manager) => toCandidateDto(await this.createInTransaction(manager, actor, input)));
  }

  /** Also used by the demo team's setup. */
  async createInTransaction(manager: EntityManager, actor: Actor, input: CreateCandidateDto): Promise<Candidate> {
    const email = input.email.toLowerCase();
    if (await manager.exists(Candidate, { where: { organizationId: actor.organizationId, email } })) throw candidateEmailTaken(email);
    const candidate = manager.create(Candidate, {
      id: randomUUID(),
      organizationId: actor.organizationId,
      name: input.name,
      email,
      phone: input.phone ?? null,
      source: input.source ?? null,
      notes: input.notes ?? null,
    });
    await this.write(() => manager.insert(Candidate, candidate), email);
    const saved = await manager.findOneByOrFail(Candidate, { id: candidate.id });
    await this.audit.recordCreated(manager, actor, 'candidate', saved.id, saved, AUDITED_FIELDS, PERSONAL_FIELDS);
    return saved;
  }

  async list(actor: Actor, query: ListCandidatesQueryDto): Promise<Page<CandidateDto>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(Candidate, 'c')
      .where('c.organization_id = :organizationId', { organizationId: actor.organizationId });
    if (query.q) {
      const prefix = likePrefix(query.q);
      builder.andWhere(
        new Brackets((where) => where.where('lower(c.name) LIKE :prefix', { prefix }).orWhere('c.email LIKE :prefix', { prefix })),
      );
    }
    return keysetPage(builder, NEWEST_FIRST, query, toCandidateDto);
  }

  /** The names of these candidates of the organization (one statement; unknown ids are left out). */
  async namesByIds(organizationId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.dataSource.query('SELECT id, name FROM candidates WHERE organization_id = $1 AND id = ANY($2::uuid[])', [
      organizationId,
      [...new Set(ids)],
    ]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** One candidate with their personal data; the read is an access event (`format`: `json` for the API, `page` for the web). */
  async get(actor: Actor, id: string, format: 'json' | 'page' = 'json'): Promise<CandidateDto> {
    const candidate = await this.dataSource.manager.findOneBy(Candidate, { organizationId: actor.organizationId, id });
    if (!candidate) throw notFound('Candidate');
    await this.access.record(actor, { kind: 'candidate', entityType: 'candidate', entityId: id, candidateIds: [id], format });
    return toCandidateDto(candidate);
  }

  async update(actor: Actor, id: string, input: UpdateCandidateDto): Promise<CandidateDto> {
    return this.dataSource.transaction(async (manager) => {
      const candidate = await lockInOrg(manager, Candidate, actor.organizationId, id);
      if (!candidate) throw notFound('Candidate');
      if (input.legalHold !== undefined && !hasRole(actor, 'admin', 'recruiter')) throw forbidden('Only admins and recruiters set or lift a legal hold');
      const after: Candidate = {
        ...candidate,
        name: input.name ?? candidate.name,
        email: input.email?.toLowerCase() ?? candidate.email,
        phone: input.phone === undefined ? candidate.phone : input.phone,
        source: input.source === undefined ? candidate.source : input.source,
        notes: input.notes === undefined ? candidate.notes : input.notes,
      };
      const changes = changesBetween(candidate, after, AUDITED_FIELDS);
      if (input.legalHold !== undefined && input.legalHold !== candidate.legalHold) {
        await manager.update(Candidate, { organizationId: actor.organizationId, id }, { legalHold: input.legalHold });
        await this.audit.record(manager, actor, {
          action: input.legalHold ? 'candidate.legal_hold_set' : 'candidate.legal_hold_lifted',
          entityType: 'candidate',
          entityId: id,
          changes: { legalHold: { before: candidate.legalHold, after: input.legalHold } },
        });
      }
      if (Object.keys(changes).length === 0) return toCandidateDto(await manager.findOneByOrFail(Candidate, { id }));
      const email = after.email;
      if (email !== null && email !== candidate.email && (await manager.exists(Candidate, { where: { organizationId: actor.organizationId, email } }))) {
        throw candidateEmailTaken(email);
      }
      await this.write(
        () =>
          manager.update(
            Candidate,
            { organizationId: actor.organizationId, id },
            { name: after.name, email: after.email, phone: after.phone, source: after.source, notes: after.notes },
          ),
        email ?? '',
      );
      await this.audit.record(manager, actor, { action: 'candidate.updated', entityType: 'candidate', entityId: id, changes, personal: PERSONAL_FIELDS });
      await this.events.record(manager, actor, { type: 'candidate.updated', payload: { candidateId: id, fields: Object.keys(changes) as CandidateField[] } });
      return toCandidateDto(await manager.findOneByOrFail(Candidate, { id }));
    });
  }

  /** Anyone declares their own conflicts; admins and recruiters anyone's. */
  async declareConflict(actor: Actor, candidateId: string, input: DeclareConflictDto): Promise<CandidateConflictDto> {
    if (input.userId !== actor.userId && !hasRole(actor, 'admin', 'recruiter')) {
      throw forbidden('You may declare only your own conflicts of interest');
    }
    return this.dataSource.transaction(async (manager) => {
      const candidate = await manager.findOneBy(Candidate, { organizationId: actor.organizationId, id: candidateId });
      if (!candidate) throw notFound('Candidate');
      const [user] = await this.users.profilesByIds(manager, actor.organizationId, [input.userId]);
      if (!user) throw validationFailed([{ field: 'userId', problems: ['userId is not a user of this organization'] }]);
      if (await manager.exists(CandidateConflict, { where: { candidateId, userId: input.userId } })) throw conflictAlreadyDeclared();
      const conflict = manager.create(CandidateConflict, {
        id: randomUUID(),
        organizationId: actor.organizationId,
        candidateId,
        userId: input.userId,
        reason: input.reason,
        declaredById: actor.userId,
      });
      try {
        await manager.insert(CandidateConflict, conflict);
      } catch (error) {
        if (isUniqueViolation(error, CONFLICT_INDEX)) throw conflictAlreadyDeclared();
        throw error;
      }
      const saved = await manager.findOneByOrFail(CandidateConflict, { id: conflict.id });
      await this.audit.record(manager, actor, {
        action: 'candidate.conflict_declared',
        entityType: 'candidate',
        entityId: candidateId,
        changes: { conflict: { before: null, after: { userId: saved.userId } }, reason: { before: null, after: saved.reason } },
      });
      return toConflictDto(saved);
    });
  }

  async listConflicts(actor: Actor, candidateId: string): Promise<CandidateConflictDto[]> {
    if (!(await this.dataSource.manager.exists(Candidate, { where: { organizationId: actor.organizationId, id: candidateId } }))) {
      throw notFound('Candidate');
    }
    const rows = await this.dataSource.manager.find(CandidateConflict, {
      where: { organizationId: actor.organizationId, candidateId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toConflictDto);
  }

  // ---- For the privacy feature (erasure, retention, data export), inside its transactions ----

  /** The candidate, locked until the caller's transaction ends (404 when not in the organization). */
  async lockForErasure(manager: EntityManager, actor: Actor, id: string): Promise<CandidateForErasure> {
    const candidate = await manager.findOne(Candidate, { where: { organizationId: actor.organizationId, id }, lock: { mode: 'pessimistic_write' } });
    if (!candidate) throw notFound('Candidate');
    return {
      id: candidate.id,
      name: candidate.name,
      email: candidate.email,
      phone: candidate.phone,
      legalHold: candidate.legalHold,
      anonymizedAt: candidate.anonymizedAt,
    };
  }

  /** 409 LEGAL_HOLD while the candidate is on legal hold. */
  assertNotOnHold(candidate: Pick<CandidateForErasure, 'legalHold'>): void {
    if (candidate.legalHold) throw conflict('LEGAL_HOLD', 'The candidate is on legal hold: lift the hold before erasing them');
  }

  /**
   * Anonymizes the candidate: `name` (e.g. "Candidate #12") replaces the name; email, phone, source and notes are
   * removed; the reasons of conflicts declared with them become "[erased]". Audited without values.
   */
  async anonymize(manager: EntityManager, actor: Actor, id: string, name: string, erasureId: string): Promise<void> {
    await manager.update(
      Candidate,
      { organizationId: actor.organizationId, id },
      { name, email: null, phone: null, source: null, notes: null, anonymizedAt: this.clock.now() },
    );
    await manager.update(CandidateConflict, { organizationId: actor.organizationId, candidateId: id }, { reason: ERASED_TEXT });
    await this.audit.record(manager, actor, {
      action: 'candidate.anonymized',
      entityType: 'candidate',
      entityId: id,
      changes: { erasureId: { before: null, after: erasureId } },
    });
  }

  /** Deletes the candidate and the conflicts declared with them (their loops must be gone first). Audited without values. */
  async deleteForErasure(manager: EntityManager, actor: Actor, id: string, erasureId: string): Promise<void> {
    await manager.delete(CandidateConflict, { organizationId: actor.organizationId, candidateId: id });
    await manager.delete(Candidate, { organizationId: actor.organizationId, id });
    await this.audit.record(manager, actor, {
      action: 'candidate.deleted',
      entityType: 'candidate',
      entityId: id,
      changes: { erasureId: { before: null, after: erasureId } },
    });
  }

  /** The ids of the conflicts declared with the candidate (their audit events are about the candidate too). */
  async conflictIds(manager: EntityManager, organizationId: string, candidateId: string): Promise<string[]> {
    const rows = await manager.find(CandidateConflict, { select: { id: true }, where: { organizationId, candidateId } });
    return rows.map((row) => row.id);
  }

  /**
   * The candidates the retention policy concerns: not anonymized, not on legal hold, with at least one loop, every
   * loop closed and the last one closed before `closedBefore`. One statement, oldest first.
   */
  async retainedCandidates(
    manager: EntityManager,
    organizationId: string,
    closedBefore: Date,
    options: { limit: number; candidateId?: string },
  ): Promise<RetainedCandidate[]> {
    const rows = await manager.query<{ id: string; last_closed_at: Date }[]>(
      `SELECT c.id, max(l.closed_at) AS last_closed_at
         FROM candidates c JOIN loops l ON l.candidate_id = c.id AND l.organization_id = c.organization_id
        WHERE c.organization_id = $1 AND c.anonymized_at IS NULL AND NOT c.legal_hold AND ($4::uuid IS NULL OR c.id = $4)
        GROUP BY c.id
       HAVING bool_and(l.closed_at IS NOT NULL) AND max(l.closed_at) < $2
        ORDER BY max(l.closed_at), c.id
        LIMIT $3`,
      [organizationId, closedBefore, options.limit, options.candidateId ?? null],
    );
    return rows.map((row) => ({ id: row.id, lastClosedAt: row.last_closed_at }));
  }

  /** `get` of several candidates at once (unknown ids left out): one statement. */
  async byIds(manager: EntityManager, organizationId: string, ids: readonly string[]): Promise<CandidateDto[]> {
    if (ids.length === 0) return [];
    const rows = await manager.find(Candidate, { where: { organizationId, id: In([...ids]) } });
    return rows.map(toCandidateDto);
  }

  /** Two requests taking the same email at once: the unique index decides, the loser gets the same 409. */
  private async write(operation: () => Promise<unknown>, email: string): Promise<void> {
    try {
      await operation();
    } catch (error) {
      if (isUniqueViolation(error, EMAIL_INDEX)) throw candidateEmailTaken(email);
      throw error;
    }
  }
}
