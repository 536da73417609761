import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { interviewerRows, pillarRows, questionRows, type InterviewerRow, type PillarRow, type FactScope, type QuestionRow } from './analytics-aggregates.js';
import { AnalyticsSnapshots } from './analytics-snapshots.js';

export interface ScopedInterviewerRows {
  pillarRows: PillarRow[];
  interviewerRows: InterviewerRow[];
}

/** Scopes kept (a row per interviewer and pillar, or per question, each): tens of megabytes at most for the largest organizations. */
const CAPACITY = 200;

/** The scope as text: the loops it leaves out by a digest of their sorted ids (a position's change when a loop is cancelled). */
function scopeKey({ positionId, excludedLoopIds, from, to }: FactScope): string {
  const excluded = excludedLoopIds.length === 0 ? '' : createHash('sha256').update([...excludedLoopIds].sort().join(',')).digest('base64url');
  return `${positionId ?? '*'} ${excluded} ${from?.toISOString() ?? ''} ${to?.toISOString() ?? ''}`;
}

/**
 * The aggregates of a filtered request (a position, a period) over the analytics facts, kept per organization, scope
 * and fingerprint: the same filter asked again before any scorecard, amendment or decision changes the fingerprint
 * reads one statement (the fingerprint's) instead of aggregating again. The fingerprint is checked against the data on
 * every request, so the kept figures are as current as the snapshot's; a request that comes while the same scope is
 * being aggregated waits for that aggregation.
 */
@Injectable()
export class ScopedAggregates {
  private readonly entries = new LRUCache<string, Promise<ScopedInterviewerRows | QuestionRow[]>>({ max: CAPACITY });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly snapshots: AnalyticsSnapshots,
  ) {}

  interviewers(organizationId: string, scope: FactScope): Promise<ScopedInterviewerRows> {
    return this.kept('interviewers', organizationId, scope, async () => {
      const manager = this.dataSource.manager;
      return { pillarRows: await pillarRows(manager, organizationId, scope), interviewerRows: await interviewerRows(manager, organizationId, scope) };
    });
  }

  questions(organizationId: string, scope: FactScope): Promise<QuestionRow[]> {
    return this.kept('questions', organizationId, scope, () => questionRows(this.dataSource.manager, organizationId, scope));
  }

  private async kept<T extends ScopedInterviewerRows | QuestionRow[]>(route: string, organizationId: string, scope: FactScope, aggregate: () => Promise<T>): Promise<T> {
    const fingerprint = await this.snapshots.factsFingerprint(organizationId);
    const key = `${route} ${organizationId} ${fingerprint} ${scopeKey(scope)}`;
    const kept = this.entries.get(key) as Promise<T> | undefined;
    if (kept) return kept;
    const computed = aggregate();
    this.entries.set(key, computed);
    // A failed aggregation is not kept: the next request tries again.
    computed.catch(() => this.entries.delete(key));
    return computed;
  }
}
