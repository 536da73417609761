import { Injectable } from '@nestjs/common';
import { UsersService, type Actor } from '@loopwright/identity';
import { PacketTemplateEngine } from '@loopwright/packets';
import { PillarsService, QuestionsService, type QuestionDto, type QuestionVersionDto } from '@loopwright/question-bank';
import { AnalyticsService, type QuestionSignalOf } from '@loopwright/scorecards';
import { discriminationText, signalMarks, type SignalMarkView } from '../analytics/question-signal.view.js';
import { shellFor, type PageView } from '../shell/shell.js';
import { zonedTime, type ZonedTime } from '../time/zoned-time.js';
import {
  difficultyLabel,
  mayReadAnalytics,
  mayWriteQuestions,
  questionHref,
  ROLE_LABELS,
  RUBRIC_ANCHORS,
  STATUS_LABELS,
  type OptionView,
} from './question-words.js';
import { versionDiff, type VersionDiffView } from './version-diff.view.js';

/** How the page was reached: after a redirect (a notice), or with the retire form sent back with its problem. */
export interface QuestionDetailState {
  notice?: 'created' | 'updated' | 'unchanged' | 'retired';
  retire?: { reason: string; error: string };
  /** The versions to compare, as the query gave them (text: a wrong one is said, not thrown). */
  compare?: { from: string; to: string };
}

const NOTICES: Record<NonNullable<QuestionDetailState['notice']>, string> = {
  created: 'The question is created.',
  updated: 'Your changes are saved.',
  unchanged: 'Nothing was changed.',
  retired: 'The question is retired: it is never planned again.',
};

export interface QuestionVersionItem {
  number: number;
  current: boolean;
  createdAt: ZonedTime;
  authorName: string;
}

/** The question's figures from the calibration snapshot. */
export interface QuestionAnalyticsView {
  timesRated: number;
  ownRatings: number;
  signal: string;
  rank: number | null;
  decisionSignal: string;
}

/** The analytics' flags on the question; for one not yet retired, the suggestion to retire it (by the form below, `formHref`, for those who may). */
export interface QuestionFlagsView {
  marks: SignalMarkView[];
  retireSuggestion: { formHref: string | null } | null;
}

export interface QuestionDetailView extends PageView {
  id: string;
  editHref: string;
  heading: string;
  notice: string | null;
  timeZone: string;
  facts: { pillarName: string; difficulty: string; status: string; roles: string; version: number; versionCreatedAt: ZonedTime };
  tags: string[];
  retired: { reason: string; at: ZonedTime | null } | null;
  promptHtml: string;
  rubric: { label: string; text: string }[];
  followUps: string[];
  use: { timesAsked: number; timesPlanned: number; lastAskedAt: ZonedTime | null; lastPlannedAt: ZonedTime | null };
  /** The analytics figures, for those who may read them (as `GET /api/analytics/questions`); null for others. */
  analytics: { item: QuestionAnalyticsView | null; /** When the snapshot was computed. */ computedAt: ZonedTime } | null;
  /** Null when the question carries no flag (or the viewer may not read analytics). */
  flags: QuestionFlagsView | null;
  versions: QuestionVersionItem[];
  compare: { fromOptions: OptionView[]; toOptions: OptionView[]; problem: string | null; diff: VersionDiffView | null } | null;
  mayWrite: boolean;
  retireForm: { reason: string; error: string | null } | null;
}

/**
 * `GET /app/questions/:id`: the question as `GET /api/questions/:id` and `/versions` give it, the prompt rendered by
 * the packets' safe Markdown renderer (as on the round page), and its use: the bank's exposure counts and, for
 * admins and hiring managers, the scorecards' analytics figures for it.
 */
@Injectable()
export class QuestionDetailPage {
  constructor(
    private readonly users: UsersService,
    private readonly pillars: PillarsService,
    private readonly questions: QuestionsService,
    private readonly analytics: AnalyticsService,
    private readonly packets: PacketTemplateEngine,
  ) {}

  async view(actor: Actor, id: string, path: string, state: QuestionDetailState = {}): Promise<QuestionDetailView> {
    const [me, question, versions, pillars, markdown, analytics] = await Promise.all([
      this.users.me(actor),
      this.questions.get(actor, id),
      this.questions.versions(actor, id),
      this.pillars.list(actor),
      this.packets.markdownRenderer(),
      mayReadAnalytics(actor) ? this.analytics.questionSignals(actor, [id]) : Promise.resolve(null),
    ]);
    const authors = await this.users.namesByIds(actor.organizationId, [
      ...new Set(versions.flatMap((version) => (version.authorId ? [version.authorId] : []))),
    ]);
    const zone = me.timezone;
    const at = (date: Date | null): ZonedTime | null => (date ? zonedTime(new Date(date), zone) : null);
    const retired = question.status === 'retired';
    const mayWrite = mayWriteQuestions(actor);
    const signal = analytics?.byQuestion.get(question.id);
    const marks = analytics && signal ? signalMarks(signal, analytics.lowSignalThreshold, zone) : [];
    const suggestedReason = marks.map((mark) => mark.label).join('; ');
    return {
      title: question.title,
      shell: shellFor(actor, path, me.name),
      id: question.id,
      editHref: `${questionHref(question.id)}/edit`,
      heading: question.title,
      notice: state.notice ? NOTICES[state.notice] : null,
      timeZone: zone,
      facts: {
        pillarName: pillars.find((pillar) => pillar.id === question.pillarId)?.name ?? question.pillarKey,
        difficulty: difficultyLabel(question.difficulty),
        status: STATUS_LABELS[question.status],
        roles: question.roles.length === 0 ? 'Every role' : question.roles.map((role) => ROLE_LABELS[role]).join(', '),
        version: question.version,
        versionCreatedAt: zonedTime(new Date(question.versionCreatedAt), zone),
      },
      tags: question.tags,
      retired: retired ? { reason: question.retireReason ?? '', at: at(question.retiredAt) } : null,
      promptHtml: markdown.render(question.prompt),
      rubric: RUBRIC_ANCHORS.map(({ level, label }) => ({ label, text: question.rubric[level] })),
      followUps: question.followUps,
      use: {
        timesAsked: question.stats.timesAsked,
        timesPlanned: question.stats.timesPlanned,
        lastAskedAt: at(question.stats.lastAskedAt),
        lastPlannedAt: at(question.stats.lastPlannedAt),
      },
      analytics: analytics ? { item: signal ? analyticsView(signal) : null, computedAt: zonedTime(new Date(analytics.computedAt), zone) } : null,
      flags: marks.length > 0 ? { marks, retireSuggestion: retired ? null : { formHref: mayWrite ? '#retire-heading' : null } } : null,
      versions: versions.map((version) => ({
        number: version.version,
        current: version.version === question.version,
        createdAt: zonedTime(new Date(version.createdAt), zone),
        authorName: version.authorId ? (authors.get(version.authorId) ?? 'A former member') : 'Loopwright (seeded)',
      })),
      compare: compareView(question, versions, state.compare),
      mayWrite,
      retireForm: mayWrite && !retired ? { reason: state.retire?.reason ?? suggestedReason, error: state.retire?.error ?? null } : null,
    };
  }
}

function analyticsView(signal: QuestionSignalOf): QuestionAnalyticsView {
  return {
    timesRated: signal.timesRated,
    ownRatings: signal.ownRatings,
    signal: discriminationText(signal.discrimination),
    rank: signal.signalRank,
    decisionSignal: discriminationText(signal.decisionDiscrimination),
  };
}

/**
 * The two versions to compare: the ones asked for, else the one before the current and the current. Null while the
 * question has one version only.
 */
function compareView(
  question: QuestionDto,
  versions: QuestionVersionDto[],
  asked: QuestionDetailState['compare'],
): QuestionDetailView['compare'] {
  if (versions.length < 2) return null;
  const byNumber = new Map(versions.map((version) => [String(version.version), version]));
  const wanted = asked ?? { from: String(question.version - 1), to: String(question.version) };
  const older = byNumber.get(wanted.from);
  const newer = byNumber.get(wanted.to);
  const options = (selected: string): OptionView[] =>
    versions.map((version) => ({
      value: String(version.version),
      label: `Version ${version.version}`,
      selected: String(version.version) === selected,
    }));
  const problem = !older || !newer ? 'Choose two versions of this question to compare.' : null;
  return {
    fromOptions: options(wanted.from),
    toOptions: options(wanted.to),
    problem,
    diff: older && newer ? versionDiff(older, newer) : null,
  };
}
