import { Injectable } from '@nestjs/common';
import type { AppError } from '@loopwright/core';
import { hasRole, ListUsersQueryDto, UsersService, type Actor } from '@loopwright/identity';
import { CandidatesService, ListCandidatesQueryDto, ListLoopsQueryDto, LoopsService, type CandidateDto } from '@loopwright/loops';
import { formWithProblems, optionsOf } from '../people/form-fields.js';
import { loopLink } from '../people/loop-links.js';
import { editFormPage, newFormPage } from '../shell/form-page.js';
import { shellFor } from '../shell/shell.js';
import { zonedTime } from '../time/zoned-time.js';
import {
  CANDIDATE_LABELS,
  CANDIDATE_WORDS,
  CONFLICT_LABELS,
  CONFLICT_WORDS,
  storedValues,
  type CandidateField,
  type ConflictField,
} from './candidate-form.js';
import { RETENTION_WARNING_DAYS, RetentionService } from '@loopwright/privacy';
import type { CandidateFormView, CandidateListView, CandidateNotice, CandidatePrivacyView, CandidateView, ErasureFormValues, ErasureFormView } from './candidates.view.js';

/** A candidate's loops and the people a conflict can be declared for: one page of each. */
const MAX_ITEMS = 200;

const NOTICES: Record<CandidateNotice, string> = {
  created: 'Candidate added.',
  saved: 'Changes saved.',
  conflict: 'Conflict of interest declared: this person will not be assigned to the candidate’s rounds.',
  held: 'Legal hold placed: the candidate cannot be erased until it is lifted.',
  released: 'Legal hold lifted.',
  anonymized: 'Candidate anonymized: their name, contact data and every note about them are erased.',
};

export const candidatePath = (id: string): string => `/app/candidates/${id}`;

/**
 * The candidate pages, on CandidatesService, LoopsService and UsersService as `GET /api/candidates`,
 * `GET /api/candidates/:id(/conflicts)`, `GET /api/loops?candidateId=` and `GET /api/users` answer them.
 */
@Injectable()
export class CandidatesPage {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly loops: LoopsService,
    private readonly users: UsersService,
    private readonly retention: RetentionService,
  ) {}

  async list(actor: Actor, path: string, query: ListCandidatesQueryDto): Promise<CandidateListView> {
    const [me, page] = await Promise.all([this.users.me(actor), this.candidates.list(actor, query)]);
    const q = query.q ?? '';
    const more = new URLSearchParams({ ...(q ? { q } : {}), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) });
    return {
      title: 'Candidates',
      shell: shellFor(actor, path, me.name),
      q,
      timeZone: me.timezone,
      candidates: page.items.map((candidate) => ({
        href: candidatePath(candidate.id),
        name: candidate.name,
        email: candidate.email,
        source: candidate.source,
        added: zonedTime(candidate.createdAt, me.timezone),
      })),
      moreHref: page.nextCursor ? `/app/candidates?${more.toString()}` : null,
    };
  }

  async createForm(actor: Actor, path: string, values: Partial<Record<CandidateField, string>> = {}, error: AppError | null = null): Promise<CandidateFormView> {
    const me = await this.users.me(actor);
    return {
      ...newFormPage(shellFor(actor, path, me.name), 'New candidate', '/app/candidates', 'Add candidate'),
      form: formWithProblems(CANDIDATE_LABELS, values, error, CANDIDATE_WORDS),
    };
  }

  /** The edit form: the stored candidate, or what was posted with the refusal. */
  async editForm(actor: Actor, id: string, path: string, posted?: { values: Partial<Record<CandidateField, string>>; error: AppError }): Promise<CandidateFormView> {
    const [me, candidate] = await Promise.all([this.users.me(actor), this.candidates.get(actor, id, 'page')]);
    return {
      ...editFormPage(shellFor(actor, path, me.name), candidate.name, candidatePath(id)),
      form: formWithProblems(CANDIDATE_LABELS, posted?.values ?? storedValues(candidate), posted?.error ?? null, CANDIDATE_WORDS),
    };
  }

  async view(
    actor: Actor,
    id: string,
    path: string,
    state: { notice?: CandidateNotice; conflict?: { values: Partial<Record<ConflictField, string>>; error: AppError } } = {},
  ): Promise<CandidateView> {
    const candidate: CandidateDto = await this.candidates.get(actor, id, 'page');
    const [me, conflicts, loops] = await Promise.all([
      this.users.me(actor),
      this.candidates.listConflicts(actor, id),
      this.loops.list(actor, Object.assign(new ListLoopsQueryDto(), { candidateId: id, limit: MAX_ITEMS })),
    ]);
    const people = conflicts.flatMap((conflict) => [conflict.userId, ...(conflict.declaredById ? [conflict.declaredById] : [])]);
    const [names, declarable, privacy] = await Promise.all([
      this.users.namesByIds(actor.organizationId, [...new Set(people)]),
      this.declarable(actor, me),
      this.privacy(actor, candidate, me.timezone),
    ]);
    const zone = me.timezone;
    const chosen = state.conflict?.values.userId ?? (declarable.length === 1 ? declarable[0]!.value : '');
    return {
      title: candidate.name,
      shell: shellFor(actor, path, me.name),
      timeZone: zone,
      notice: state.notice ? NOTICES[state.notice] : null,
      candidate: {
        name: candidate.name,
        email: candidate.email,
        phone: candidate.phone,
        source: candidate.source,
        notes: candidate.notes,
        added: zonedTime(candidate.createdAt, zone),
        updated: zonedTime(candidate.updatedAt, zone),
      },
      editHref: `${candidatePath(id)}/edit`,
      conflictAction: `${candidatePath(id)}/conflicts`,
      newLoopHref: `/app/loops/new?candidateId=${id}`,
      loops: loops.items.map((loop) => loopLink(loop, zone)),
      conflicts: conflicts.map((conflict) => ({
        userName: names.get(conflict.userId) ?? 'A former user',
        reason: conflict.reason,
        declaredBy: conflict.declaredById ? (names.get(conflict.declaredById) ?? null) : null,
        declared: zonedTime(conflict.createdAt, zone),
      })),
      conflictForm: {
        users: optionsOf(declarable, chosen),
        form: formWithProblems(CONFLICT_LABELS, { userId: chosen, reason: state.conflict?.values.reason ?? '' }, state.conflict?.error ?? null, CONFLICT_WORDS),
      },
      privacy,
    };
  }

  /** The erasure's confirmation page (admins and recruiters, as the route), with what was posted and its problems. */
  async erasureForm(
    actor: Actor,
    id: string,
    path: string,
    posted: { values: ErasureFormValues; fieldErrors: Record<string, string>; problem: string | null } | null = null,
  ): Promise<ErasureFormView> {
    const [candidate, me] = await Promise.all([this.candidates.get(actor, id), this.users.me(actor)]);
    const values = posted?.values ?? { mode: 'anonymize', reason: '', confirm: false };
    return {
      title: `Erase ${candidate.name}`,
      shell: shellFor(actor, path, me.name),
      candidateName: candidate.name,
      candidateHref: candidatePath(id),
      action: `${candidatePath(id)}/erasure`,
      legalHold: candidate.legalHold,
      values,
      anonymizeChecked: values.mode !== 'delete',
      deleteChecked: values.mode === 'delete',
      fieldErrors: posted?.fieldErrors ?? {},
      problem: posted?.problem ?? null,
    };
  }

  private async privacy(actor: Actor, candidate: CandidateDto, zone: string): Promise<CandidatePrivacyView | null> {
    if (!hasRole(actor, 'admin', 'recruiter')) return null;
    const due = candidate.anonymizedAt ? null : await this.retention.scheduledAnonymization(actor, candidate.id);
    const path = candidatePath(candidate.id);
    return {
      legalHold: candidate.legalHold,
      holdAction: `${path}/legal-hold`,
      anonymized: candidate.anonymizedAt ? zonedTime(candidate.anonymizedAt, zone) : null,
      retentionDue: due ? zonedTime(due, zone) : null,
      retentionSoon: due !== null && due.getTime() - Date.now() <= RETENTION_WARNING_DAYS * 86_400_000,
      erasureHref: `${path}/erasure`,
      dataExportHref: `${path}/data-export`,
    };
  }

  /** Whose conflict the actor may declare (the service's rule decides; this only offers the choices it allows). */
  private async declarable(actor: Actor, me: { id: string; name: string }): Promise<{ value: string; label: string }[]> {
    if (!hasRole(actor, 'admin', 'recruiter')) return [{ value: me.id, label: `${me.name} (you)` }];
    const page = await this.users.list(actor, Object.assign(new ListUsersQueryDto(), { active: true, limit: MAX_ITEMS }));
    return page.items.map((user) => ({ value: user.id, label: user.id === actor.userId ? `${user.name} (you)` : user.name }));
  }
}
