import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { COUNTED_SCORECARDS, interviewerRows, pillarRows, questionRows, WHOLE_ORGANIZATION } from './analytics-aggregates.js';
import type { InterviewerRow, PillarRow, QuestionRow } from './analytics-aggregates.js';
import { AnalyticsSnapshot } from './analytics-snapshot.entity.js';

/**
 * Everything the aggregates read, as one text (`$1` the organization): the counted scorecards' count and latest
 * submission and update, the amendments' count and latest, the decisions' count and latest. A submission, an
 * amendment, a decision, an edit of a counted scorecard or a deletion changes it.
 */
const ANALYTICS_FINGERPRINT = `
  (SELECT count(*) || '/' || coalesce(extract(epoch FROM max(s.submitted_at))::text, '') || '/' || coalesce(extract(epoch FROM max(s.updated_at))::text, '')
     FROM scorecards s WHERE ${COUNTED_SCORECARDS}) || ' ' ||
  (SELECT count(*) || '/' || coalesce(extract(epoch FROM max(a.created_at))::text, '') FROM scorecard_amendments a WHERE a.organization_id = $1) || ' ' ||
  (SELECT count(*) || '/' || coalesce(extract(epoch FROM max(d.decided_at))::text, '') FROM loop_decisions d WHERE d.organization_id = $1)`;

/** The snapshot's columns for each route. */
const COLUMNS = { interviewers: ['pillar_rows', 'interviewer_rows'], questions: ['question_rows'] } as const;

export type InterviewerAggregates = Pick<AnalyticsSnapshot, 'computedAt' | 'pillarRows' | 'interviewerRows'>;
export type QuestionAggregates = Pick<AnalyticsSnapshot, 'computedAt' | 'questionRows'>;

interface StoredRow {
  computed_at: Date;
  fresh: boolean;
  pillar_rows?: PillarRow[];
  interviewer_rows?: InterviewerRow[];
  question_rows?: QuestionRow[];
}

/**
 * The organization's analytics aggregates, precomputed: the stored rows in one statement while they are still what
 * the data gives, else recomputed and stored (a change the worker has not caught up with, or no snapshot yet), like
 * the calibration snapshot on first read. `refreshIfChanged` is the worker's.
 */
@Injectable()
export class AnalyticsSnapshots {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async interviewers(organizationId: string): Promise<InterviewerAggregates> {
    const row = await this.read(organizationId, 'interviewers');
    return row ? { computedAt: row.computed_at, pillarRows: row.pillar_rows!, interviewerRows: row.interviewer_rows! } : this.refresh(organizationId);
  }

  async questions(organizationId: string): Promise<QuestionAggregates> {
    const row = await this.read(organizationId, 'questions');
    return row ? { computedAt: row.computed_at, questionRows: row.question_rows! } : this.refresh(organizationId);
  }

  async refreshIfChanged(organizationId: string, manager: EntityManager): Promise<void> {
    const [row] = await manager.query<{ fresh: boolean }[]>(
      `SELECT a.fingerprint = (${ANALYTICS_FINGERPRINT}) AS fresh FROM analytics_snapshots a WHERE a.organization_id = $1`,
      [organizationId],
    );
    if (!row?.fresh) await this.refresh(organizationId, manager);
  }

  /** The fingerprint is read before the aggregates: a scorecard committed in between makes the stored one stale, never wrong. */
  async refresh(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<AnalyticsSnapshot> {
    const [{ fingerprint }] = await manager.query<[{ fingerprint: string }]>(`SELECT ${ANALYTICS_FINGERPRINT} AS fingerprint`, [organizationId]);
    const snapshot = manager.create(AnalyticsSnapshot, {
      organizationId,
      computedAt: new Date(),
      fingerprint,
      pillarRows: await pillarRows(manager, organizationId, WHOLE_ORGANIZATION),
      interviewerRows: await interviewerRows(manager, organizationId, WHOLE_ORGANIZATION),
      questionRows: await questionRows(manager, organizationId, WHOLE_ORGANIZATION),
    });
    await manager.upsert(AnalyticsSnapshot, snapshot, ['organizationId']);
    return snapshot;
  }

  private async read(organizationId: string, route: keyof typeof COLUMNS): Promise<StoredRow | null> {
    const [row] = await this.dataSource.manager.query<StoredRow[]>(
      `SELECT a.computed_at, a.fingerprint = (${ANALYTICS_FINGERPRINT}) AS fresh, ${COLUMNS[route].map((column) => `a.${column}`).join(', ')}
         FROM analytics_snapshots a WHERE a.organization_id = $1`,
      [organizationId],
    );
    return row?.fresh ? row : null;
  }
}
