import type { InterviewKitDto } from '@loopwright/loops';
import { MIN_SUMMARY_LENGTH, type RatingDto, type ScorecardDto } from '@loopwright/scorecards';
import type { PageView, ShellView } from '../shell/shell.js';
import { zonedTime, type ZonedTime } from '../time/zoned-time.js';
import { AMEND_FIELD, FIELD, UNCHANGED, type AmendValues, type ScorecardValues } from './scorecard-form.js';

/** The scale's words, as WEB.md fixes them for the radio buttons. */
export const RATING_LABELS: Readonly<Record<string, string>> = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
  not_assessed: 'Not assessed',
};
const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
const PILLAR_CHOICES = [...RECOMMENDATIONS, 'not_assessed'] as const;

export type RoundNotice = 'saved' | 'submitted' | 'amended' | 'loaded' | 'not-attended';

const NOTICES: Record<RoundNotice, string> = {
  saved: 'Draft saved.',
  submitted: 'Your scorecard is submitted.',
  amended: 'Your amendment is saved.',
  loaded:
    'The other version is loaded into the form. What you had typed in this tab is shown under each field where it differs: copy what you want to keep, then save.',
  'not-attended': 'Recorded: you did not attend this round. Your reminders have stopped and the recruiter has been told.',
};

/** How the page was reached: a notice after a redirect, or a form that came back with what it posted. */
export interface RoundPageState {
  notice?: RoundNotice;
  /** What the form posted, shown instead of the stored values (a conflict, a refused submit). */
  posted?: ScorecardValues;
  /** The version the form carries (on a conflict: the stale one it was posted with). */
  version?: number;
  /** After loading the other version: what this tab had typed, shown under each field where it differs. */
  kept?: ScorecardValues;
  conflict?: boolean;
  /** Problems by field name (FIELD / AMEND_FIELD), in words. */
  fieldErrors?: ReadonlyMap<string, string>;
  /** A problem of the whole form, in words. */
  problem?: string;
  amend?: { posted: AmendValues; fieldErrors: ReadonlyMap<string, string>; problem?: string };
  /**
   * Typed in this tab while the scorecard was submitted somewhere else (another tab): not saved, so the page carries
   * it into the amendment form. `autosave`: the answer only replaces the alerts of the draft page still open.
   */
  unsaved?: { values: ScorecardValues; autosave: boolean };
  /** The "I did not attend" form came back unconfirmed: what to say next to its checkbox. */
  attendanceError?: string;
}

/** "I did not attend" on the round page: what was said, or the form to say it. */
export interface AttendanceView {
  /** When I said I did not attend: the page then offers nothing to fill. */
  saidAt: ZonedTime | null;
  /** The form (my seat, scorecard not submitted, the round started); null when it is not offered. */
  form: { action: string; error: FieldError | null } | null;
}

export interface ChoiceView {
  id: string;
  value: string;
  label: string;
  checked: boolean;
}

export interface FieldError {
  id: string;
  text: string;
}

export interface PillarFieldView {
  name: string;
  ratingName: string;
  notesName: string;
  notesId: string;
  choices: ChoiceView[];
  notes: string;
  error: FieldError | null;
  notesError: FieldError | null;
  /** Typed in this tab, kept beside the loaded version: the rating's word and the notes; null where equal. */
  keptRating: string | null;
  keptNotes: string | null;
}

export interface QuestionView {
  title: string;
  pillarName: string;
  /** The prompt rendered from Markdown by the packets' renderer (no raw HTML): safe to output as is. */
  promptHtml: string;
  rubric: { label: string; text: string }[];
  followUps: string[];
  /** The draft's text area; null once submitted. */
  notes: { name: string; id: string; value: string; error: FieldError | null; kept: string | null } | null;
  /** The draft's optional rating of the answer (a select; '' is "Not rated"); null once submitted. */
  rating: { name: string; id: string; options: { value: string; label: string; selected: boolean }[]; error: FieldError | null } | null;
  /** Once submitted: the notes recorded on this question. */
  askedNotes: string | null;
  /** Once submitted: the rating given to this question ("Strong yes"), null when none. */
  askedRatingLabel: string | null;
}

export interface ErrorLink {
  text: string;
  href: string;
}

export interface DraftView {
  formId: string;
  action: string;
  version: number;
  autosaveDelayMs: number;
  pillars: PillarFieldView[];
  recommendation: { choices: ChoiceView[]; error: FieldError | null; kept: string | null };
  summary: { value: string; minLength: number; error: FieldError | null; kept: string | null };
  errors: ErrorLink[];
  problem: string | null;
  conflict: boolean;
  /** What the status region says when the page loads. */
  status: string;
  /** Not started yet: the draft can be saved, submitted only from this time. */
  submitFrom: ZonedTime | null;
}

export interface RatingLine {
  pillarName: string;
  ratingLabel: string;
  notes: string | null;
}

export interface AmendmentLine {
  at: ZonedTime;
  reason: string;
  changes: string[];
}

export interface AmendFormView {
  action: string;
  reason: { value: string; error: FieldError | null };
  pillars: Pick<PillarFieldView, 'name' | 'ratingName' | 'notesName' | 'notesId' | 'choices' | 'notes' | 'error'>[];
  recommendation: { name: string; choices: ChoiceView[] };
  summary: { name: string; value: string; error: FieldError | null };
  errors: ErrorLink[];
}

export interface SubmittedView {
  submittedAt: ZonedTime | null;
  ratings: RatingLine[];
  recommendationLabel: string;
  summary: string | null;
  amendments: AmendmentLine[];
  amend: AmendFormView;
  /** What this tab typed after the scorecard was submitted elsewhere; the notes on questions an amendment cannot hold. */
  unsaved: { autosave: boolean; questionNotes: { title: string; text: string }[] } | null;
}

export interface OtherScorecardView {
  authorName: string;
  roundTitle: string;
  shadow: boolean;
  submittedAt: ZonedTime | null;
  amended: boolean;
  ratings: RatingLine[];
  recommendationLabel: string;
  summary: string | null;
  questions: AskedQuestionLine[];
}

export interface RoundView extends PageView {
  roundId: string;
  candidateName: string;
  roundTitle: string;
  positionTitle: string;
  /** When the round is, in my time zone with the zone named: `Tue 7 Jan 2025, 09:00` to `10:00 CET` on one day. */
  when: { startsIso: string; startsText: string; endsIso: string | null; endsText: string | null } | null;
  timeZone: string;
  /** The viewer's zone by its name, where the times' abbreviation may not say it (not for UTC). */
  zoneNote: string | null;
  shadow: boolean;
  pillars: { name: string; description: string }[];
  questions: QuestionView[];
  notice: string | null;
  /** Null for staff who read the kit of a round they are not on: they have no scorecard here. */
  scorecard: { draft: DraftView | null; submitted: SubmittedView | null } | null;
  /** Null when there is no scorecard; hidden until mine is submitted (the blind rule), then the others' submitted ones. */
  others: { hidden: boolean; cards: OtherScorecardView[] } | null;
  /** Null for staff who are not on the round. */
  /** Staff off the round have no seat: nothing said, no form. */
  attendance: AttendanceView;
}

export interface RoundViewInput {
  shell: ShellView;
  timeZone: string;
  kit: InterviewKitDto;
  scorecard: ScorecardDto | null;
  /** The others' submitted scorecards as the API gives them to me, or null while the blind rule hides them. */
  others: ScorecardDto[] | null;
  /** Every pillar's name (the others' rounds may rate pillars this round does not). */
  pillarNames: ReadonlyMap<string, string>;
  renderMarkdown: (source: string) => string;
  now: Date;
  autosaveDelayMs: number;
  state: RoundPageState;
}

export const SCORECARD_FORM_ID = 'scorecard';

const ids = {
  rating: (pillarId: string, value: string): string => `rating-${pillarId}-${value}`,
  notes: (pillarId: string): string => `notes-${pillarId}`,
  question: (questionId: string): string => `question-notes-${questionId}`,
  questionRating: (questionId: string): string => `question-rating-${questionId}`,
  recommendation: (value: string): string => `recommendation-${value}`,
  summary: 'summary',
  amendRating: (pillarId: string, value: string): string => `amend-rating-${pillarId}-${value}`,
  amendNotes: (pillarId: string): string => `amend-notes-${pillarId}`,
  amendRecommendation: (value: string): string => `amend-recommendation-${value}`,
  amendSummary: 'amend-summary',
  reason: 'amend-reason',
};

const errorOf = (errors: ReadonlyMap<string, string> | undefined, field: string, id: string): FieldError | null => {
  const text = errors?.get(field);
  return text ? { id: `${id}-error`, text } : null;
};

const choicesOf = (values: readonly string[], chosen: string | null | undefined, idOf: (value: string) => string): ChoiceView[] =>
  values.map((value) => ({ id: idOf(value), value, label: RATING_LABELS[value] ?? value, checked: value === chosen }));

const labelOf = (rating: string | null | undefined): string => (rating ? (RATING_LABELS[rating] ?? rating) : 'Not rated');

/** A question's rating select: "Not rated" first (the rating is optional), then the scale. */
const questionRatingField = (questionId: string, chosen: string, errors: ReadonlyMap<string, string> | undefined): NonNullable<QuestionView['rating']> => ({
  name: FIELD.questionRating(questionId),
  id: ids.questionRating(questionId),
  options: [{ value: '', label: 'Not rated' }, ...RECOMMENDATIONS.map((value) => ({ value, label: RATING_LABELS[value] ?? value }))].map((option) => ({
    ...option,
    selected: option.value === chosen,
  })),
  error: errorOf(errors, FIELD.questionRating(questionId), ids.questionRating(questionId)),
});

/** The kept text, when this tab had typed something else than what the form now shows. */
const keptIf = (mine: string | undefined, shown: string): string | null =>
  mine !== undefined && mine.trim() !== shown.trim() ? mine : null;

export function buildRoundView(input: RoundViewInput): RoundView {
  const { kit, scorecard, state } = input;
  // Who said they did not attend has nothing to fill (unless they submitted after all).
  const absent = kit.notAttendedAt !== null && scorecard?.status !== 'submitted';
  const draft = scorecard?.status === 'draft' && !absent ? scorecard : null;
  const pillarName = new Map(kit.pillars.map((pillar) => [pillar.id, pillar.name]));
  const nameOf = (pillarId: string): string => pillarName.get(pillarId) ?? input.pillarNames.get(pillarId) ?? 'A pillar';
  const startsAt = kit.round.startsAt ? new Date(kit.round.startsAt) : null;
  const endsAt = kit.round.endsAt ? new Date(kit.round.endsAt) : null;
  const unsaved = unsavedOf(input);
  // "Loaded into the form" is not true of a scorecard submitted meanwhile: its alert says what happened instead.
  const noticeText = state.notice && state.notice !== 'saved' && !(unsaved && state.notice === 'loaded') ? NOTICES[state.notice] : null;
  return {
    title: `${kit.candidate.name} · ${kit.round.title}`,
    shell: input.shell,
    roundId: kit.round.id,
    candidateName: kit.candidate.name,
    roundTitle: kit.round.title,
    positionTitle: kit.position.title,
    when: startsAt ? timeRange(startsAt, endsAt, input.timeZone) : null,
    timeZone: input.timeZone,
    zoneNote: input.timeZone === 'UTC' ? null : input.timeZone,
    shadow: kit.shadow,
    pillars: kit.pillars.map((pillar) => ({ name: pillar.name, description: pillar.description })),
    questions: kit.questions.map((question) => {
      const asked = scorecard?.questionsAsked.find((item) => item.questionId === question.questionId);
      const stored = asked?.notes ?? '';
      const posted = state.posted?.questionNotes.get(question.questionId);
      const value = posted ?? stored;
      return {
        title: question.title,
        pillarName: nameOf(question.pillarId),
        promptHtml: input.renderMarkdown(question.prompt),
        rubric: RECOMMENDATIONS.flatMap((rating) => {
          const text = question.rubric?.[rating];
          return typeof text === 'string' && text.trim() !== '' ? [{ label: RATING_LABELS[rating]!, text }] : [];
        }),
        followUps: question.followUps ?? [],
        notes: draft
          ? {
              name: FIELD.question(question.questionId),
              id: ids.question(question.questionId),
              value,
              error: errorOf(state.fieldErrors, FIELD.question(question.questionId), ids.question(question.questionId)),
              kept: keptIf(state.kept?.questionNotes.get(question.questionId), value),
            }
          : null,
        rating: draft ? questionRatingField(question.questionId, state.posted?.questionRatings.get(question.questionId) ?? asked?.rating ?? '', state.fieldErrors) : null,
        askedNotes: draft ? null : (asked?.notes ?? null),
        askedRatingLabel: !draft && asked?.rating ? labelOf(asked.rating) : null,
      };
    }),
    notice: noticeText,
    scorecard:
      scorecard && !absent
        ? { draft: draft ? draftView(input, draft) : null, submitted: draft ? null : submittedView(input, scorecard, nameOf, unsaved) }
        : null,
    others:
      scorecard && !absent
        ? { hidden: input.others === null, cards: (input.others ?? []).map((card) => otherView(card, nameOf, input.timeZone)) }
        : null,
    attendance: scorecard ? attendanceView(input, absent, startsAt) : { saidAt: null, form: null },
  };
}

export const notAttendedPath = (roundId: string): string => `/app/rounds/${roundId}/not-attended`;

/** Said: when. Not said: the form, once the round has started and while my scorecard is not submitted. */
function attendanceView(input: RoundViewInput, absent: boolean, startsAt: Date | null): AttendanceView {
  const { kit, scorecard, state } = input;
  if (absent) return { saidAt: zonedTime(new Date(kit.notAttendedAt!), input.timeZone), form: null };
  const started = startsAt !== null && startsAt.getTime() <= input.now.getTime();
  const open = scorecard?.status !== 'submitted' && started;
  return {
    saidAt: null,
    form: open
      ? { action: notAttendedPath(kit.round.id), error: state.attendanceError ? { id: 'attendance-error', text: state.attendanceError } : null }
      : null,
  };
}

/** A round's time: the end's date and zone are left out when they are the start's. */
function timeRange(startsAt: Date, endsAt: Date | null, timeZone: string): NonNullable<RoundView['when']> {
  const starts = zonedTime(startsAt, timeZone);
  if (!endsAt) return { startsIso: starts.iso, startsText: starts.text, endsIso: null, endsText: null };
  const ends = zonedTime(endsAt, timeZone);
  const split = (text: string): { date: string; time: string; zone: string } => {
    const [date = '', rest = ''] = text.split(', ');
    const [time = '', ...zone] = rest.split(' ');
    return { date, time, zone: zone.join(' ') };
  };
  const [start, end] = [split(starts.text), split(ends.text)];
  const sameDay = start.date === end.date && start.zone === end.zone;
  return {
    startsIso: starts.iso,
    startsText: sameDay ? `${start.date}, ${start.time}` : starts.text,
    endsIso: ends.iso,
    endsText: sameDay ? `${end.time} ${end.zone}` : ends.text,
  };
}

function draftView(input: RoundViewInput, draft: ScorecardDto): DraftView {
  const { kit, state } = input;
  const errors = state.fieldErrors;
  const posted = state.posted;
  const stored = new Map(draft.ratings.map((rating) => [rating.pillarId, rating]));
  const pillars = kit.pillars.map((pillar): PillarFieldView => {
    const mine = posted?.ratings.get(pillar.id);
    const rating = mine?.rating ?? stored.get(pillar.id)?.rating ?? null;
    const notes = mine?.notes ?? stored.get(pillar.id)?.notes ?? '';
    const kept = state.kept?.ratings.get(pillar.id);
    return {
      name: pillar.name,
      ratingName: FIELD.rating(pillar.id),
      notesName: FIELD.notes(pillar.id),
      notesId: ids.notes(pillar.id),
      choices: choicesOf(PILLAR_CHOICES, rating, (value) => ids.rating(pillar.id, value)),
      notes,
      error: errorOf(errors, FIELD.rating(pillar.id), `rating-${pillar.id}`),
      notesError: errorOf(errors, FIELD.notes(pillar.id), ids.notes(pillar.id)),
      keptRating: kept?.rating !== undefined && kept.rating !== (rating ?? '') ? labelOf(kept.rating) : null,
      keptNotes: keptIf(kept?.notes, notes),
    };
  });
  const recommendation = posted?.recommendation ?? draft.recommendation ?? null;
  const summary = posted?.summary ?? draft.summary ?? '';
  const keptRecommendation = state.kept?.recommendation;
  const links: ErrorLink[] = [];
  const link = (field: string, href: string): void => {
    const text = errors?.get(field);
    if (text) links.push({ text, href: `#${href}` });
  };
  for (const pillar of kit.pillars) {
    link(FIELD.rating(pillar.id), ids.rating(pillar.id, PILLAR_CHOICES[0]));
    link(FIELD.notes(pillar.id), ids.notes(pillar.id));
  }
  for (const question of kit.questions) link(FIELD.question(question.questionId), ids.question(question.questionId));
  link(FIELD.recommendation, ids.recommendation(RECOMMENDATIONS[0]));
  link(FIELD.summary, ids.summary);
  const startsAt = kit.round.startsAt ? new Date(kit.round.startsAt) : null;
  return {
    formId: SCORECARD_FORM_ID,
    action: `/app/rounds/${kit.round.id}/scorecard`,
    version: state.version ?? draft.version,
    autosaveDelayMs: input.autosaveDelayMs,
    pillars,
    recommendation: {
      choices: choicesOf(RECOMMENDATIONS, recommendation, ids.recommendation),
      error: errorOf(errors, FIELD.recommendation, 'recommendation'),
      kept: keptRecommendation !== undefined && keptRecommendation !== (recommendation ?? '') ? labelOf(keptRecommendation) : null,
    },
    summary: {
      value: summary,
      minLength: MIN_SUMMARY_LENGTH,
      error: errorOf(errors, FIELD.summary, ids.summary),
      kept: keptIf(state.kept?.summary, summary),
    },
    errors: links,
    problem: state.problem ?? null,
    conflict: state.conflict ?? false,
    status: state.notice === 'saved' ? 'Saved' : '',
    submitFrom: startsAt && startsAt.getTime() > input.now.getTime() ? zonedTime(startsAt, input.timeZone) : null,
  };
}

const ratingLines = (ratings: RatingDto[], nameOf: (pillarId: string) => string): RatingLine[] =>
  ratings.map((rating) => ({ pillarName: nameOf(rating.pillarId), ratingLabel: labelOf(rating.rating), notes: rating.notes }));

/** Typed in this tab, not saved, because the scorecard had been submitted elsewhere (also after "Load the other version"). */
function unsavedOf({ scorecard, state }: RoundViewInput): RoundPageState['unsaved'] | null {
  if (scorecard?.status !== 'submitted') return null;
  if (state.unsaved) return state.unsaved;
  return state.kept ? { values: state.kept, autosave: false } : null;
}

/** What an amendment needs to keep what this tab typed: only the fields that differ from the submitted scorecard. */
export function amendValuesFrom(typed: ScorecardValues, effective: ScorecardDto['effective']): AmendValues {
  const submitted = new Map(effective.ratings.map((rating) => [rating.pillarId, rating]));
  const differs = (mine: string | undefined, theirs: string | null | undefined): mine is string =>
    mine !== undefined && mine.trim() !== '' && mine.trim() !== (theirs ?? '').trim();
  const ratings = new Map<string, { rating: string; notes: string }>();
  for (const [pillarId, entry] of typed.ratings) {
    const current = submitted.get(pillarId);
    const rating = differs(entry.rating, current?.rating) ? entry.rating : UNCHANGED;
    const notes = differs(entry.notes, current?.notes) ? entry.notes : '';
    if (rating !== UNCHANGED || notes !== '') ratings.set(pillarId, { rating, notes });
  }
  return {
    reason: '',
    ratings,
    recommendation: differs(typed.recommendation, effective.recommendation) ? typed.recommendation : UNCHANGED,
    summary: differs(typed.summary, effective.summary) ? typed.summary : '',
  };
}

function submittedView(
  input: RoundViewInput,
  card: ScorecardDto,
  nameOf: (pillarId: string) => string,
  unsaved: RoundPageState['unsaved'] | null,
): SubmittedView {
  const effective = card.effective;
  const askedNotes = new Map(card.questionsAsked.map((question) => [question.questionId, question.notes ?? '']));
  return {
    submittedAt: card.submittedAt ? zonedTime(new Date(card.submittedAt), input.timeZone) : null,
    ratings: ratingLines(effective.ratings, nameOf),
    recommendationLabel: labelOf(effective.recommendation),
    summary: effective.summary,
    amendments: card.amendments.map((amendment) => ({
      at: zonedTime(new Date(amendment.at), input.timeZone),
      reason: amendment.reason,
      changes: [
        ...(amendment.ratings ?? []).map(
          (rating) => `${nameOf(rating.pillarId)}: ${labelOf(rating.rating)}${rating.notes ? ` (${rating.notes})` : ''}`,
        ),
        ...(amendment.recommendation ? [`Recommendation: ${labelOf(amendment.recommendation)}`] : []),
        ...(amendment.summary ? [`Summary: ${amendment.summary}`] : []),
      ],
    })),
    amend: amendFormView(input, unsaved ? amendValuesFrom(unsaved.values, effective) : undefined),
    unsaved: unsaved
      ? {
          autosave: unsaved.autosave,
          questionNotes: input.kit.questions.flatMap((question) => {
            const text = keptIf(unsaved.values.questionNotes.get(question.questionId), askedNotes.get(question.questionId) ?? '');
            return text ? [{ title: question.title, text }] : [];
          }),
        }
      : null,
  };
}

function amendFormView(input: RoundViewInput, typed: AmendValues | undefined): AmendFormView {
  const { kit } = input;
  const amend = input.state.amend ?? (typed ? { posted: typed, fieldErrors: new Map<string, string>() } : undefined);
  const errors = amend?.fieldErrors;
  const links: ErrorLink[] = [];
  const link = (field: string, href: string): void => {
    const text = errors?.get(field);
    if (text) links.push({ text, href: `#${href}` });
  };
  link(AMEND_FIELD.reason, ids.reason);
  for (const pillar of kit.pillars) link(AMEND_FIELD.notes(pillar.id), ids.amendNotes(pillar.id));
  link(AMEND_FIELD.summary, ids.amendSummary);
  const firstField = kit.pillars[0] ? `#${ids.amendRating(kit.pillars[0].id, UNCHANGED)}` : `#${ids.amendRecommendation(UNCHANGED)}`;
  return {
    action: `/app/rounds/${kit.round.id}/scorecard/amendments`,
    reason: { value: amend?.posted.reason ?? '', error: errorOf(errors, AMEND_FIELD.reason, ids.reason) },
    pillars: kit.pillars.map((pillar) => {
      const posted = amend?.posted.ratings.get(pillar.id);
      return {
        name: pillar.name,
        ratingName: AMEND_FIELD.rating(pillar.id),
        notesName: AMEND_FIELD.notes(pillar.id),
        notesId: ids.amendNotes(pillar.id),
        choices: [
          {
            id: ids.amendRating(pillar.id, UNCHANGED),
            value: UNCHANGED,
            label: 'No change',
            checked: (posted?.rating ?? UNCHANGED) === UNCHANGED,
          },
          ...choicesOf(PILLAR_CHOICES, posted?.rating, (value) => ids.amendRating(pillar.id, value)),
        ],
        notes: posted?.notes ?? '',
        error: errorOf(errors, AMEND_FIELD.notes(pillar.id), ids.amendNotes(pillar.id)),
      };
    }),
    recommendation: {
      name: AMEND_FIELD.recommendation,
      choices: [
        {
          id: ids.amendRecommendation(UNCHANGED),
          value: UNCHANGED,
          label: 'No change',
          checked: (amend?.posted.recommendation ?? UNCHANGED) === UNCHANGED,
        },
        ...choicesOf(RECOMMENDATIONS, amend?.posted.recommendation, ids.amendRecommendation),
      ],
    },
    summary: {
      name: AMEND_FIELD.summary,
      value: amend?.posted.summary ?? '',
      error: errorOf(errors, AMEND_FIELD.summary, ids.amendSummary),
    },
    errors: amend?.problem ? [{ text: amend.problem, href: firstField }, ...links] : links,
  };
}

/** A question asked, read-only: its title, the interviewer's notes and, where they rated it, the rating's label. */
interface AskedQuestionLine {
  title: string;
  notes: string | null;
  ratingLabel: string | null;
}

const askedQuestionLine = (question: ScorecardDto['questionsAsked'][number]): AskedQuestionLine => ({
  title: question.title ?? 'A question',
  notes: question.notes,
  ratingLabel: question.rating ? labelOf(question.rating) : null,
});

function otherView(card: ScorecardDto, nameOf: (pillarId: string) => string, timeZone: string): OtherScorecardView {
  return {
    authorName: card.author?.name ?? 'An interviewer',
    roundTitle: card.roundTitle ?? '',
    shadow: card.shadow,
    submittedAt: card.submittedAt ? zonedTime(new Date(card.submittedAt), timeZone) : null,
    amended: card.amended,
    ratings: ratingLines(card.effective.ratings, nameOf),
    recommendationLabel: labelOf(card.effective.recommendation),
    summary: card.effective.summary,
    questions: card.questionsAsked.map(askedQuestionLine),
  };
}

/**
 * A draft its author still reads after leaving the round (another interviewer was assigned, or the shadow removed):
 * what `GET /api/rounds/:id/scorecard` gives them (`detached`), read-only, without the kit they may no longer open.
 */
export interface DetachedDraftView extends PageView {
  detached: true;
  savedAt: ZonedTime;
  ratings: RatingLine[];
  recommendationLabel: string;
  summary: string | null;
  questions: AskedQuestionLine[];
}

export function buildDetachedDraftView(input: {
  shell: ShellView;
  timeZone: string;
  draft: ScorecardDto;
  pillarNames: ReadonlyMap<string, string>;
}): DetachedDraftView {
  const { draft } = input;
  return {
    title: 'Your draft of a round you left',
    shell: input.shell,
    detached: true,
    savedAt: zonedTime(new Date(draft.updatedAt), input.timeZone),
    ratings: ratingLines(draft.ratings, (pillarId) => input.pillarNames.get(pillarId) ?? 'A pillar'),
    recommendationLabel: labelOf(draft.recommendation),
    summary: draft.summary,
    // A question the draft rated without notes is kept too: the rating is what the author wrote down.
    questions: draft.questionsAsked.filter((question) => question.notes || question.rating).map(askedQuestionLine),
  };
}
