import type { LoopDto, LoopRoundDto, RoundOptions, SeatOptions } from '@loopwright/loops';
import type { PillarDto, QuestionSummaryDto } from '@loopwright/question-bank';
import type { PageView, ShellView } from '../shell/shell.js';
import { wallTimeIn } from '../time/zoned-input.js';
import { LOOP_STATUS_LABELS, loopPath, notAttendedLines, plural, roundAnchor } from './loop-words.js';
import { reasonsText, roundProblem, slotText, type RoundProblem, type ScheduleField } from './round-problems.js';
import type { AppError } from '@loopwright/core';

/** What the schedule form holds: what was posted, else the round's time in the viewer's zone. */
export interface ScheduleValues {
  date: string;
  start: string;
  duration: string;
}

export const PLAN_NOTICES = {
  scheduled: 'Round scheduled.',
  assigned: 'Interviewer assigned.',
  unassigned: 'Interviewer removed from the round.',
  'shadow-added': 'Shadow added.',
  'shadow-removed': 'Shadow removed.',
  'question-added': 'Question added to the plan.',
  'question-removed': 'Question removed from the plan.',
  moved: 'Round moved.',
} as const;
export type PlanNotice = keyof typeof PLAN_NOTICES;

/** What a request asks the plan to show besides the loop: a refused change, a notice, a question search. */
export interface LoopPlanState {
  /** The round a refusal, notice or search is about. */
  roundId?: string;
  error?: AppError;
  schedule?: ScheduleValues;
  notice?: PlanNotice;
  /** A question search of the round (`q`), with the bank's answer. */
  search?: { q: string; results: QuestionSummaryDto[] };
  /** The loop-wide notice (a round removed: it has no section any more). */
  loopNotice?: string;
}

export interface OptionView {
  value: string;
  label: string;
  selected: boolean;
}

export interface NotOfferedView {
  name: string;
  reasons: string;
}

export interface PlanRoundView {
  id: string;
  anchor: string;
  headingId: string;
  number: number;
  title: string;
  pillars: string;
  durationMinutes: number;
  /** The round's slot in the viewer's zone (`Tue 1 Dec 2026, 14:00–15:00 CET`). */
  when: { startsIso: string; text: string } | null;
  interviewerName: string | null;
  shadows: { id: string; name: string }[];
  scorecardLabel: string;
  /** "<name> says they did not attend": until the round is reassigned (which clears it) or cancelled. */
  notAttended: string[];
  questions: { id: string; title: string; pillarName: string }[];
  problem: string | null;
  notice: string | null;
  first: boolean;
  last: boolean;
  schedule: ScheduleValues & { errors: Record<ScheduleField, string | null>; invalid: Record<ScheduleField, boolean> };
  interviewers: { needsTime: boolean; options: OptionView[]; none: boolean; notOffered: NotOfferedView[]; hasInterviewer: boolean };
  shadowChoices: { options: OptionView[]; none: boolean; notOffered: NotOfferedView[] };
  search: { q: string; searched: boolean; results: { id: string; title: string; pillarName: string }[] };
}

export interface CoverageRowView {
  pillarName: string;
  cells: { covered: boolean; roundTitle: string }[];
  missing: boolean;
  /** `Missing`, `2 rounds`, or `Not expected` (a pillar the template does not assess). */
  coverageText: string;
}

export interface LoopPlanView extends PageView {
  loopHref: string;
  candidateName: string;
  positionTitle: string;
  statusLabel: string;
  timeZone: string;
  rounds: PlanRoundView[];
  coverage: { rounds: { number: number; title: string }[]; rows: CoverageRowView[] };
  missingPillars: string[];
  coverageComplete: boolean;
  /** Forms shown: the viewer may change the rounds and the loop is open. */
  editable: boolean;
  readOnlyReason: string | null;
  loopNotice: string | null;
}

export interface LoopPlanInput {
  shell: ShellView;
  timeZone: string;
  loop: LoopDto;
  pillars: PillarDto[];
  /** Per round, who may take it; null when the viewer may not change the loop. */
  options: RoundOptions[] | null;
  readOnlyReason: string | null;
  state: LoopPlanState;
}

const SCORECARD_LABELS: Record<string, string> = {
  not_started: 'No scorecard yet',
  draft: 'Scorecard in draft',
  submitted: 'Scorecard submitted',
};

const NO_ERRORS: Record<ScheduleField, string | null> = { date: null, start: null, duration: null };

function scheduleOf(round: LoopRoundDto, timeZone: string, posted: ScheduleValues | undefined, problem: RoundProblem | null): PlanRoundView['schedule'] {
  const wall = round.startsAt ? wallTimeIn(new Date(round.startsAt), timeZone) : null;
  const values = posted ?? { date: wall?.date ?? '', start: wall?.time ?? '', duration: String(round.durationMinutes) };
  const errors = { ...NO_ERRORS, ...problem?.fieldErrors };
  return { ...values, errors, invalid: { date: errors.date !== null, start: errors.start !== null, duration: errors.duration !== null } };
}

const loadText = (load: number): string => `${plural(load, 'interview')} that week`;

function seatChoices(options: SeatOptions | null, leaveOut: Set<string>, selected: string | null, withLoad: boolean) {
  const items = (options?.items ?? []).filter((item) => !leaveOut.has(item.user.id));
  return {
    options: items.map((item) => ({
      value: item.user.id,
      label: withLoad ? `${item.user.name} (${loadText(item.load)})` : item.user.name,
      selected: item.user.id === selected,
    })),
    none: items.length === 0,
    notOffered: (options?.excluded ?? []).filter((item) => !leaveOut.has(item.user.id)).map((item) => ({ name: item.user.name, reasons: reasonsText(item.reasons) })),
  };
}

/** The loop plan's view model from the loop, the pillars and the seat options: plain data for `loop-plan.hbs`. */
export function buildLoopPlanView(input: LoopPlanInput): Omit<LoopPlanView, 'title' | 'shell'> & { shell: ShellView } {
  const { loop, pillars, options, state, timeZone } = input;
  const pillarName = new Map(pillars.map((pillar) => [pillar.id, pillar.name]));
  const optionsOf = new Map((options ?? []).map((entry) => [entry.roundId, entry]));
  const names = new Map<string, string>();
  for (const entry of options ?? []) for (const item of [...(entry.interviewers?.items ?? []), ...(entry.interviewers?.excluded ?? []), ...entry.shadows.items, ...entry.shadows.excluded]) names.set(item.user.id, item.user.name);
  for (const round of loop.rounds) {
    if (round.interviewer) names.set(round.interviewer.id, round.interviewer.name);
    for (const shadow of round.shadowInterviewers) names.set(shadow.id, shadow.name);
  }
  const words = { nameOf: (id: string) => names.get(id), candidateName: loop.candidate.name, timeZone };
  const rounds = loop.rounds.map((round, index): PlanRoundView => {
    const ours = state.roundId === round.id;
    const problem = ours && state.error ? roundProblem(state.error, words) : null;
    const seat = optionsOf.get(round.id);
    const onRound = new Set([...(round.interviewerId ? [round.interviewerId] : []), ...round.shadowInterviewerIds]);
    const interviewerChoices = seatChoices(seat?.interviewers ?? null, new Set(round.shadowInterviewerIds), round.interviewerId, true);
    const planned = new Set(round.questionIds);
    return {
      id: round.id,
      anchor: roundAnchor(round.id),
      headingId: `${roundAnchor(round.id)}-heading`,
      number: index + 1,
      title: round.title,
      pillars: round.pillarIds.map((id) => pillarName.get(id) ?? 'A deleted pillar').join(', '),
      durationMinutes: round.durationMinutes,
      when:
        round.startsAt && round.endsAt
          ? { startsIso: new Date(round.startsAt).toISOString(), text: slotText(new Date(round.startsAt), new Date(round.endsAt), timeZone) }
          : null,
      interviewerName: round.interviewer?.name ?? null,
      shadows: round.shadowInterviewers,
      scorecardLabel: SCORECARD_LABELS[round.scorecardStatus] ?? round.scorecardStatus,
      notAttended: notAttendedLines(round),
      questions: round.plannedQuestions.map((question) => ({
        id: question.questionId,
        title: question.title,
        pillarName: pillarName.get(question.pillarId) ?? '',
      })),
      problem: problem?.problem ?? null,
      notice: ours && state.notice ? PLAN_NOTICES[state.notice] : null,
      first: index === 0,
      last: index === loop.rounds.length - 1,
      schedule: scheduleOf(round, timeZone, ours ? state.schedule : undefined, problem),
      interviewers: {
        needsTime: round.startsAt === null,
        ...interviewerChoices,
        hasInterviewer: round.interviewerId !== null,
      },
      shadowChoices: seatChoices(seat?.shadows ?? null, onRound, null, false),
      search: {
        q: ours && state.search ? state.search.q : '',
        searched: ours && state.search !== undefined,
        results:
          ours && state.search
            ? state.search.results
                .filter((question) => round.pillarIds.includes(question.pillarId) && !planned.has(question.id))
                .slice(0, 10)
                .map((question) => ({ id: question.id, title: question.title, pillarName: pillarName.get(question.pillarId) ?? '' }))
            : [],
      },
    };
  });
  const missing = new Set(loop.missingPillars);
  const rows = pillars.map((pillar): CoverageRowView => {
    const count = loop.coverage[pillar.key] ?? 0;
    return {
      pillarName: pillar.name,
      cells: loop.rounds.map((round) => ({ covered: round.pillarIds.includes(pillar.id), roundTitle: round.title })),
      missing: missing.has(pillar.key),
      coverageText: missing.has(pillar.key) ? 'Missing' : count > 0 ? plural(count, 'round') : 'Not expected',
    };
  });
  return {
    shell: input.shell,
    loopHref: loopPath(loop.id),
    candidateName: loop.candidate.name,
    positionTitle: loop.position.title,
    statusLabel: LOOP_STATUS_LABELS[loop.status],
    timeZone,
    rounds,
    coverage: { rounds: loop.rounds.map((round, index) => ({ number: index + 1, title: round.title })), rows },
    missingPillars: pillars.filter((pillar) => missing.has(pillar.key)).map((pillar) => pillar.name),
    coverageComplete: missing.size === 0,
    editable: options !== null,
    readOnlyReason: input.readOnlyReason,
    loopNotice: state.loopNotice ?? null,
  };
}
