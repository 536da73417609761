import { Column, Entity } from 'typeorm';
import { OrganizationSnapshot } from '../organization-snapshot.entity.js';
import type { InterviewerRow, PillarRow, QuestionRow } from './analytics-aggregates.js';

/**
 * The analytics routes' aggregates over all of one organization's counted scorecards, as of `computedAt`: refreshed
 * by the worker after scorecards are submitted or amended and loops decided, and by a read that finds `fingerprint`
 * no longer matching the data. A request with a filter (position, period) aggregates in SQL instead.
 */
@Entity('analytics_snapshots')
export class AnalyticsSnapshot extends OrganizationSnapshot {
  @Column('jsonb', { name: 'pillar_rows' })
  pillarRows: PillarRow[];

  @Column('jsonb', { name: 'interviewer_rows' })
  interviewerRows: InterviewerRow[];

  @Column('jsonb', { name: 'question_rows' })
  questionRows: QuestionRow[];
}
