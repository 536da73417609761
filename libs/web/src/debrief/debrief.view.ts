import type { LoopDto } from '@loopwright/loops';
import {
  DECISION_LABELS,
  DECISIONS,
  RATING_LABELS,
  RATINGS,
  recommendationsSplit,
  type DebriefSummaryDto,
  type ScorecardDto,
} from '@loopwright/scorecards';
import type { ChoiceView, FieldError } from '../rounds/round.view.js';
import type { PageView, ShellView } from '../shell/shell.js';
import { zonedTime, type ZonedTime } from '../time/zoned-time.js';
import { buildMatrix, type MatrixView } from './debrief-matrix.js';
import { durationWords } from '../loops/loop-words.js';
import { seatKey } from '@loopwright/notifications';

/** What the decision form posted, kept in the form when the service refuses it. */
export interface DecisionValues {
  decision: string;
  note: string;
  force: boolean;
}

/** A refused decision in words: next to the radios, next to Note, and for the whole form (the missing scorecards). */
export interface DecisionProblems {
  decision?: string;
  note?: string;
  problem?: { text: string; items: string[]; hint: string | null };
}

/** How the page was reached: after recording (a notice), or with a refused form; and the packet links' choice. */
export interface DebriefPageState {
  notice?: 'decided' | 'reminded';
  /** A refused Remind now, in words (shown above the list of who has not submitted). */
  remindProblem?: string;
  posted?: DecisionValues;
  problems?: DecisionProblems;
  hideNames?: boolean;
}

export interface MissingView {
  roundTitle: string;
  interviewer: string;
  status: string;
  /** The round's end: "ended" since then, or "ends" then; null when the round has no time yet. */
  since: { label: string; time: ZonedTime } | null;
  late: boolean;
  /** "Says they did not attend": no reminder then; the recruiter reassigns or cancels. */
  notAttended: string | null;
  /** The seat's last Remind now: how long ago, and from when another is allowed while that is still to come. */
  reminded: { ago: string; time: ZonedTime; againFrom: ZonedTime | null } | null;
  /** The Remind now button (ended round, open loop, not rate-limited, the viewer may); null when not offered. */
  remind: { action: string; roundId: string; interviewerId: string } | null;
}

/** What the page knows of the manual reminders: who may send them, and each seat's last one by `seatKey`. */
export interface RemindersInput {
  mayRemind: boolean;
  last: ReadonlyMap<string, { remindedAt: Date; nextAllowedAt: Date }>;
}

export interface DecisionShownView {
  label: string;
  note: string | null;
  decidedBy: string | null;
  at: ZonedTime;
  /** Recorded although these rounds had no submitted scorecard (`force`). */
  forcedWithout: string[] | null;
}

export interface DecisionFormView {
  action: string;
  choices: ChoiceView[];
  note: string;
  force: boolean;
  decisionError: FieldError | null;
  noteError: FieldError | null;
  /** Everything refused, above the form (focused on load, so that it is read even without JavaScript), fields linked. */
  summary: { text: string; items: { text: string; href: string | null }[]; hint: string | null } | null;
}

export interface PacketLinksView {
  hideNames: boolean;
  /** The debrief page itself (a GET form: the links change with the choice). */
  action: string;
  links: { label: string; href: string }[];
}

export interface TallyView {
  items: { label: string; count: number }[];
  /** The split in words, when at least one recommendation is against and one for. */
  split: string | null;
}

export interface DebriefView extends PageView {
  candidateName: string;
  positionTitle: string;
  statusLabel: string;
  planHref: string;
  timeZone: string;
  notice: string | null;
  /** The blind rule's sentence (the service's), with links to the viewer's own rounds, instead of the debrief. */
  blind: { message: string; rounds: { title: string; href: string }[] } | null;
  matrix: MatrixView | null;
  tally: TallyView | null;
  disagreements: string[] | null;
  missing: MissingView[] | null;
  /** A refused Remind now, in words. */
  remindProblem: string | null;
  decision: DecisionShownView | null;
  form: DecisionFormView | null;
  packet: PacketLinksView | null;
}

export interface DebriefViewInput {
  shell: ShellView;
  timeZone: string;
  now: Date;
  loop: LoopDto;
  /** The summary and its scorecards; null while the blind rule hides them (`blindMessage` says why). */
  read: { summary: DebriefSummaryDto; scorecards: ScorecardDto[] } | null;
  blindMessage: string | null;
  viewerId: string | null;
  decidedByName: string | null;
  mayDecide: boolean;
  mayReadPackets: boolean;
  reminders: RemindersInput;
  state: DebriefPageState;
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  in_review: 'In review',
  decided: 'Decided',
  cancelled: 'Cancelled',
};

const SCORECARD_STATUS_LABELS: Readonly<Record<string, string>> = { not_started: 'Not started', draft: 'Draft saved' };

const PACKET_FORMATS = [
  { format: 'pdf', label: 'Download PDF' },
  { format: 'html', label: 'Download HTML' },
  { format: 'markdown', label: 'Download Markdown' },
] as const;

export const debriefPath = (loopId: string): string => `/app/loops/${loopId}/debrief`;
export const decisionPath = (loopId: string): string => `/app/loops/${loopId}/decision`;
export const packetPath = (loopId: string): string => `/app/loops/${loopId}/packet`;
export const remindPath = (loopId: string): string => `/app/loops/${loopId}/remind`;

const DEBRIEF_NOTICES: Readonly<Record<NonNullable<DebriefPageState['notice']>, string>> = {
  decided: 'Decision recorded.',
  reminded: 'Reminder sent: it is on its way to the interviewer.',
};

export function buildDebriefView(input: DebriefViewInput): DebriefView {
  const { loop, read, state } = input;
  const at = (date: Date): ZonedTime => zonedTime(new Date(date), input.timeZone);
  const decided = read?.summary.decision ?? null;
  const open = loop.status !== 'decided' && loop.status !== 'cancelled';
  return {
    title: `Debrief: ${loop.candidate.name}`,
    shell: input.shell,
    candidateName: loop.candidate.name,
    positionTitle: loop.position.title,
    statusLabel: STATUS_LABELS[loop.status] ?? loop.status,
    planHref: `/app/loops/${loop.id}`,
    timeZone: input.timeZone,
    notice: state.notice ? DEBRIEF_NOTICES[state.notice] : null,
    blind: input.blindMessage === null ? null : { message: input.blindMessage, rounds: ownRounds(loop, input.viewerId) },
    matrix: read ? buildMatrix(loop, read.summary, read.scorecards, at) : null,
    tally: read ? tallyView(read.summary) : null,
    disagreements: read ? disagreementLines(read.summary) : null,
    missing: read ? missingView(loop, read.summary, input.now, at, open ? input.reminders : { mayRemind: false, last: input.reminders.last }) : null,
    remindProblem: state.remindProblem ?? null,
    decision: decided
      ? {
          label: DECISION_LABELS[decided.decision],
          note: decided.note,
          decidedBy: input.decidedByName,
          at: at(decided.decidedAt),
          forcedWithout: decided.forced ? roundTitles(loop, decided.missingRoundIds) : null,
        }
      : null,
    form: input.mayDecide && open ? formView(loop.id, state) : null,
    packet: input.mayReadPackets && read ? packetLinks(loop.id, state.hideNames ?? false) : null,
  };
}

const ownRounds = (loop: LoopDto, viewerId: string | null): { title: string; href: string }[] =>
  loop.rounds
    .filter((round) => viewerId !== null && (round.interviewerId === viewerId || round.shadowInterviewerIds.includes(viewerId)))
    .map((round) => ({ title: round.title, href: `/app/rounds/${round.id}` }));

const roundTitles = (loop: LoopDto, roundIds: string[]): string[] =>
  roundIds.map((id) => loop.rounds.find((round) => round.id === id)?.title ?? 'A removed round');

function tallyView(summary: DebriefSummaryDto): TallyView {
  const { tally } = summary;
  const against = tally.strong_no + tally.no;
  const inFavour = tally.yes + tally.strong_yes;
  return {
    items: RATINGS.map((rating) => ({ label: RATING_LABELS[rating], count: tally[rating] })),
    split: recommendationsSplit(tally) ? `Split: ${against} against (no or strong no), ${inFavour} in favour (yes or strong yes).` : null,
  };
}

/** Each pillar whose ratings are 2 or more points apart, by whom; then a yes/no split of the recommendations. */
function disagreementLines(summary: DebriefSummaryDto): string[] {
  const lines = summary.pillars
    .filter((row) => row.disagreement)
    .map((row) => {
      const who = row.ratings
        .filter((cell) => cell.value !== null)
        .map((cell) => `${RATING_LABELS[cell.rating]} from ${cell.interviewer.name} (${cell.roundTitle})`)
        .join(', ');
      return `${row.pillar.name}: ratings ${row.spread} points apart: ${who}.`;
    });
  if (recommendationsSplit(summary.tally)) {
    const who = summary.recommendations
      .filter((item) => item.recommendation !== null)
      .map((item) => `${RATING_LABELS[item.recommendation!]} from ${item.interviewer.name}`)
      .join(', ');
    lines.push(`Recommendations split between no and yes: ${who}.`);
  }
  return lines;
}

function missingView(loop: LoopDto, summary: DebriefSummaryDto, now: Date, at: (date: Date) => ZonedTime, reminders: RemindersInput): MissingView[] {
  return summary.missing.map((item) => {
    const round = loop.rounds.find((candidate) => candidate.id === item.roundId);
    const endsAt = round?.endsAt ?? null;
    const ended = endsAt !== null && new Date(endsAt).getTime() <= now.getTime();
    const absent = round?.notAttended.some((seat) => seat.userId === item.interviewerId) ?? false;
    const last = reminders.last.get(seatKey(item.roundId, item.interviewerId));
    const limited = last !== undefined && last.nextAllowedAt.getTime() > now.getTime();
    return {
      roundTitle: item.roundTitle,
      interviewer: item.interviewer.name,
      status: SCORECARD_STATUS_LABELS[item.status] ?? item.status,
      since: endsAt === null ? null : { label: ended ? 'Waiting since the round ended' : 'The round ends', time: at(endsAt) },
      late: item.late,
      notAttended: absent ? 'Says they did not attend: reassign the round or cancel it on the loop plan.' : null,
      reminded: last
        ? { ago: durationWords(now.getTime() - last.remindedAt.getTime()), time: at(last.remindedAt), againFrom: limited ? at(last.nextAllowedAt) : null }
        : null,
      remind:
        reminders.mayRemind && ended && !absent && !limited
          ? { action: `${remindPath(loop.id)}#missing-heading`, roundId: item.roundId, interviewerId: item.interviewerId }
          : null,
    };
  });
}

function formView(loopId: string, state: DebriefPageState): DecisionFormView {
  const posted = state.posted ?? { decision: '', note: '', force: false };
  const problems = state.problems ?? {};
  return {
    action: decisionPath(loopId),
    choices: DECISIONS.map((decision) => ({
      id: `decision-${decision}`,
      value: decision,
      label: DECISION_LABELS[decision],
      checked: posted.decision === decision,
    })),
    note: posted.note,
    force: posted.force,
    decisionError: problems.decision ? { id: 'decision-error', text: problems.decision } : null,
    noteError: problems.note ? { id: 'note-error', text: problems.note } : null,
    summary: summaryOf(problems),
  };
}

function summaryOf(problems: DecisionProblems): DecisionFormView['summary'] {
  const fields = [
    ...(problems.decision ? [{ text: problems.decision, href: `#decision-${DECISIONS[0]}` }] : []),
    ...(problems.note ? [{ text: problems.note, href: '#note' }] : []),
  ];
  if (!problems.problem && fields.length === 0) return null;
  return {
    text: problems.problem?.text ?? 'The decision was not recorded:',
    items: [...fields, ...(problems.problem?.items ?? []).map((text) => ({ text, href: null }))],
    hint: problems.problem?.hint ?? null,
  };
}

function packetLinks(loopId: string, hideNames: boolean): PacketLinksView {
  return {
    hideNames,
    action: `${debriefPath(loopId)}#packet`,
    links: PACKET_FORMATS.map(({ format, label }) => ({
      label,
      href: `${packetPath(loopId)}?format=${format}${hideNames ? '&redact=interviewers' : ''}`,
    })),
  };
}
