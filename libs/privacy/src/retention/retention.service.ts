import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@loopwright/core';
import { OrganizationsService, systemActor, UsersService, type Actor } from '@loopwright/identity';
import { CandidatesService } from '@loopwright/loops';
import { MailOutbox, MailTemplates, type OutgoingMail } from '@loopwright/notifications';
import type { DataSource } from 'typeorm';
import { ErasureService } from '../erasure/erasure.service.js';

const DAY_MS = 86_400_000;
/** Recruiters are warned this many days before the retention policy anonymizes a candidate. */
export const RETENTION_WARNING_DAYS = 7;
/** Candidates anonymized (and warned about) per organization and run; the next night takes the rest. */
const RETENTION_BATCH = 500;

export interface RetentionRun {
  anonymized: string[];
  warned: string[];
}

/**
 * The organization setting `candidateRetentionDays` (off by default): every night, candidates whose last loop closed
 * longer ago than that are anonymized (as an erasure request would, recorded with trigger `retention`), and the
 * organization's recruiters are told by mail, once per candidate, 7 days before. Legal holds are respected.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly candidates: CandidatesService,
    private readonly erasure: ErasureService,
    private readonly users: UsersService,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** One pass over every organization with a retention: anonymize who is past it, warn about who will be within a week. */
  async run(now: Date = this.clock.now()): Promise<RetentionRun> {
    const run: RetentionRun = { anonymized: [], warned: [] };
    for (const organization of await this.organizations.withCandidateRetention()) {
      const actor = systemActor(organization.id);
      const cutoff = new Date(now.getTime() - organization.days * DAY_MS);
      const due = await this.candidates.retainedCandidates(this.dataSource.manager, organization.id, cutoff, { limit: RETENTION_BATCH });
      for (const candidate of due) {
        try {
          await this.erasure.erase(actor, candidate.id, { mode: 'anonymize', reason: `Retention policy: ${organization.days} days after the last loop closed` }, 'retention');
          run.anonymized.push(candidate.id);
        } catch (error) {
          // Put on legal hold (or erased) meanwhile: the next night looks again.
          this.logger.warn({ err: error, candidateId: candidate.id }, 'Retention could not anonymize a candidate');
        }
      }
      run.warned.push(...(await this.warn(actor, new Date(cutoff.getTime() + RETENTION_WARNING_DAYS * DAY_MS), organization.days)));
    }
    return run;
  }

  /** When the retention policy will anonymize this candidate, as things stand; null when it will not (no policy, a hold, an open loop). */
  async scheduledAnonymization(actor: Actor, candidateId: string): Promise<Date | null> {
    const days = await this.organizations.candidateRetentionDays(actor);
    if (days === null) return null;
    const [candidate] = await this.candidates.retainedCandidates(this.dataSource.manager, actor.organizationId, new Date(8.64e15), { limit: 1, candidateId });
    return candidate ? new Date(candidate.lastClosedAt.getTime() + days * DAY_MS) : null;
  }

  /** Mail to each active recruiter about each candidate due before `before`: once per candidate and closing (idempotency key). */
  private async warn(actor: Actor, before: Date, days: number): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const soon = await this.candidates.retainedCandidates(manager, actor.organizationId, before, { limit: RETENTION_BATCH });
      if (soon.length === 0) return [];
      const recruiters = (await this.users.mailProfiles(manager, [], [actor.organizationId])).filter((user) => user.organizationId === actor.organizationId);
      const mail: OutgoingMail[] = soon.flatMap((candidate) => {
        const on = new Date(candidate.lastClosedAt.getTime() + days * DAY_MS);
        return recruiters.map((user) =>
          this.templates.mailTo(
            actor.organizationId,
            user,
            'retention-warning',
            {
              on: on.toLocaleDateString('en-GB', { timeZone: user.timezone, day: 'numeric', month: 'long', year: 'numeric' }),
              days,
              candidateUrl: `${this.config.publicUrl}/app/candidates/${candidate.id}`,
            },
            `retention-warning:${candidate.id}:${candidate.lastClosedAt.getTime()}:${user.id}`,
          ),
        );
      });
      await this.outbox.enqueue(manager, mail);
      return soon.map((candidate) => candidate.id);
    });
  }
}
