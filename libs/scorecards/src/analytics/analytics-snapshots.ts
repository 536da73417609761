import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LoopsService } from '@loopwright/loops';
import type { DataSource, EntityManager } from 'typeorm';
import { interviewerRows, pillarRows, questionRows, WHOLE_ORGANIZATION } from './analytics-aggregates.js';
import type { InterviewerRow, PillarRow, QuestionRow } from './analytics-aggregates.js';
import { COUNTED_SCORECARDS, rebuildFacts } from './analytics-facts.js';
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

/** `work` in the caller's transaction, or in one of its own. */
const inTransaction = <T>(manager: EntityManager, work: (transaction: EntityManager) => Promise<T>): Promise<T> =>
  manager.queryRunner?.isTransactionActive ? work(manager) : manager.transaction(work);

/**
 * The organization's analytics, precomputed: its facts (analytics-facts.ts) and the snapshot of their aggregates over
 * the whole organization, rebuilt together in one transaction, one rebuild at a time per organization, and stamped
 * with the fingerprint read before them. A read finds the stored rows still what the data gives in one statement, else
 * has them rebuilt first (a change the worker has not caught up with, or no snapshot yet), like the calibration
 * snapshot on first read. `refreshIfChanged` is the worker's.
 */
@Injectable()
export class AnalyticsSnapshots {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loops: LoopsService,
  ) {}

  async interviewers(organizationId: string): Promise<InterviewerAggregates> {
    const row = await this.read(organizationId, 'interviewers');
    return row ? { computedAt: row.computed_at, pillarRows: row.pillar_rows!, interviewerRows: row.interviewer_rows! } : this.current(organizationId);
  }

  async questions(organizationId: string): Promise<QuestionAggregates> {
    const row = await this.read(organizationId, 'questions');
    return row ? { computedAt: row.computed_at, questionRows: row.question_rows! } : this.current(organizationId);
  }

  /**
   * Before a filtered aggregation over the facts: the fingerprint they were built from, once they are rebuilt when
   * the data changed since (one statement while they are current).
   */
  async factsFingerprint(organizationId: string): Promise<string> {
    const [row] = await this.dataSource.manager.query<{ fingerprint: string; fresh: boolean }[]>(
      `SELECT a.fingerprint, a.fingerprint = (${ANALYTICS_FINGERPRINT}) AS fresh FROM analytics_snapshots a WHERE a.organization_id = $1`,
      [organizationId],
    );
    return row?.fresh ? row.fingerprint : (await this.current(organizationId)).fingerprint;
  }

  async refreshIfChanged(organizationId: string, manager: EntityManager): Promise<void> {
    await this.current(organizationId, manager);
  }

  /** Rebuilds the facts and the snapshot whatever they are. */
  refresh(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<AnalyticsSnapshot> {
    return inTransaction(manager, async (transaction) => {
      await this.lock(transaction, organizationId);
      return this.rebuild(transaction, organizationId, await this.fingerprint(transaction, organizationId));
    });
  }

  /**
   * The stored snapshot when its fingerprint is still the data's, else rebuilt. Under the organization's lock, so a
   * burst of reads that all found it stale rebuilds once: the later ones find the first one's snapshot current.
   */
  private current(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<AnalyticsSnapshot> {
    return inTransaction(manager, async (transaction) => {
      await this.lock(transaction, organizationId);
      const fingerprint = await this.fingerprint(transaction, organizationId);
      const stored = await transaction.findOne(AnalyticsSnapshot, { where: { organizationId } });
      return stored?.fingerprint === fingerprint ? stored : this.rebuild(transaction, organizationId, fingerprint);
    });
  }

  /** The fingerprint is read before the facts: a scorecard committed in between makes the stored one stale, never wrong. */
  private async rebuild(transaction: EntityManager, organizationId: string, fingerprint: string): Promise<AnalyticsSnapshot> {
    await rebuildFacts(transaction, organizationId, (manager, organization, loopIds) => this.loops.positionsOfLoops(manager, organization, loopIds));
    const snapshot = transaction.create(AnalyticsSnapshot, {
      organizationId,
      computedAt: new Date(),
      fingerprint,
      pillarRows: await pillarRows(transaction, organizationId, WHOLE_ORGANIZATION),
      interviewerRows: await interviewerRows(transaction, organizationId, WHOLE_ORGANIZATION),
      questionRows: await questionRows(transaction, organizationId, WHOLE_ORGANIZATION),
    });
    await transaction.upsert(AnalyticsSnapshot, snapshot, ['organizationId']);
    return snapshot;
  }

  private async fingerprint(manager: EntityManager, organizationId: string): Promise<string> {
    const [{ fingerprint }] = await manager.query<[{ fingerprint: string }]>(`SELECT ${ANALYTICS_FINGERPRINT} AS fingerprint`, [organizationId]);
    return fingerprint;
  }

  /** One rebuild at a time per organization, until the transaction ends. */
  private async lock(transaction: EntityManager, organizationId: string): Promise<void> {
    await transaction.query(`SELECT pg_advisory_xact_lock(hashtext('loopwright:analytics'), hashtext($1))`, [organizationId]);
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
