import type { InterviewerAnalyticsDto, QuestionAnalyticsDto } from '@loopwright/scorecards';
import type { PageView } from '../shell/shell.js';
import type { ZonedTime } from '../time/zoned-time.js';
import { calibrationChart, directionOf, formatOffset, type ChartGeometry, type Direction } from './calibration-chart.js';
import { discriminationText, signalMarks, type SignalMarkView } from './question-signal.view.js';

export const QUESTION_SORT_KEYS = ['question', 'pillar', 'asked', 'mean', 'decided', 'correlation', 'signal'] as const;
export type QuestionSortKey = (typeof QUESTION_SORT_KEYS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export interface QuestionSort {
  key: QuestionSortKey;
  dir: SortDirection;
}

export const PERIODS = ['all', '30d', '90d', '365d'] as const;
export type Period = (typeof PERIODS)[number];
const PERIOD_LABELS: Record<Period, string> = { all: 'All time', '30d': 'Last 30 days', '90d': 'Last 90 days', '365d': 'Last 12 months' };
const PERIOD_DAYS: Record<Period, number | null> = { all: null, '30d': 30, '90d': 90, '365d': 365 };

/** What the page shows: the filters, and how the question table is sorted. */
export interface AnalyticsState {
  positionId: string | null;
  period: Period;
  sort: QuestionSort;
}

/** When a period that ends now starts (null: all time). */
export function periodStart(period: Period, now: Date): Date | null {
  const days = PERIOD_DAYS[period];
  return days === null ? null : new Date(now.getTime() - days * 86_400_000);
}

/** The page's URL for a state, leaving defaults out. */
export function analyticsUrl(basePath: string, state: AnalyticsState): string {
  const query = new URLSearchParams();
  if (state.positionId) query.set('position', state.positionId);
  if (state.period !== 'all') query.set('period', state.period);
  if (state.sort.key !== DEFAULT_QUESTION_SORT.key || state.sort.dir !== DEFAULT_QUESTION_SORT.dir) {
    query.set('sort', state.sort.key);
    query.set('dir', state.sort.dir);
  }
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}

export interface FilterOption {
  value: string;
  label: string;
  selected: boolean;
}

export interface AnalyticsFiltersView {
  positions: FilterOption[];
  periods: FilterOption[];
  sortKey: string;
  sortDir: string;
  /** In words, what the figures cover. */
  description: string;
  active: boolean;
  clearHref: string;
}

export function analyticsFilters(
  basePath: string,
  state: AnalyticsState,
  positions: readonly { id: string; title: string }[],
): AnalyticsFiltersView {
  const position = positions.find((candidate) => candidate.id === state.positionId);
  const scope = [position ? `the loops of ${position.title}` : 'every position', PERIOD_LABELS[state.period].toLowerCase()];
  return {
    positions: [
      { value: '', label: 'All positions', selected: !state.positionId },
      ...[...positions]
        .sort((a, b) => a.title.localeCompare(b.title, 'en'))
        .map((candidate) => ({ value: candidate.id, label: candidate.title, selected: candidate.id === state.positionId })),
    ],
    periods: PERIODS.map((value) => ({ value, label: PERIOD_LABELS[value], selected: value === state.period })),
    sortKey: state.sort.key,
    sortDir: state.sort.dir,
    description: `Scorecards of ${scope[0]}, submitted ${state.period === 'all' ? 'at any time' : `in the ${scope[1]}`}.`,
    active: Boolean(state.positionId) || state.period !== 'all',
    clearHref: analyticsUrl(basePath, { positionId: null, period: 'all', sort: state.sort }),
  };
}

/** Ranked by signal (discrimination), the most telling question first. */
export const DEFAULT_QUESTION_SORT: QuestionSort = { key: 'signal', dir: 'desc' };

export interface PillarRef {
  id: string;
  key: string;
  name: string;
}

export interface CalibrationRowView {
  interviewerName: string;
  count: number;
  meanRating: string;
  offset: string;
  interval: string;
  reading: string;
  direction: Direction | 'few';
  strongShare: string;
}

export interface CalibrationPillarView {
  key: string;
  name: string;
  organizationMean: string;
  titleId: string;
  descId: string;
  chartTitle: string;
  chartDescription: string;
  chart: ChartGeometry;
  rows: CalibrationRowView[];
  smallSamples: number;
}

export interface InterviewerSummaryView {
  name: string;
  submitted: number;
  onTime: string;
  medianHours: string;
}

export interface SortableHeaderView {
  label: string;
  href: string;
  /** `ascending` / `descending` on the sorted column only. */
  ariaSort: 'ascending' | 'descending' | null;
  /** ▲ or ▼ after the sorted column's name (hidden from screen readers: aria-sort says it). */
  sortMark: string | null;
  numeric: boolean;
}

export interface QuestionRowView {
  href: string;
  title: string;
  pillarName: string;
  timesAsked: number;
  meanRating: string;
  decided: string;
  correlation: string;
  /** The discrimination with its interval and count, or why there is none. */
  signal: string;
  /** `Rank 2 of 9` by discrimination; null without one. */
  rank: string | null;
  marks: SignalMarkView[];
}

export interface AnalyticsView extends PageView {
  filters: AnalyticsFiltersView;
  minCount: number;
  hasScorecards: boolean;
  pillars: CalibrationPillarView[];
  interviewers: InterviewerSummaryView[];
  questionHeaders: SortableHeaderView[];
  questions: QuestionRowView[];
  sortDescription: string;
  /** When the calibration snapshot (the adjusted offsets and the signal figures) was computed. */
  computedAt: ZonedTime;
  /** How many questions carry a flag, in words; null when none does. */
  flagSummary: string | null;
}

const NONE = '\u2014';
const number2 = (value: number | null): string => (value === null ? NONE : value.toFixed(2));
const percent = (value: number | null): string => (value === null ? NONE : `${Math.round(value * 100)}%`);
const ratings = (count: number): string => `${count} rating${count === 1 ? '' : 's'}`;

const READINGS: Record<Direction, string> = {
  lower: 'Rates lower than the organization',
  higher: 'Rates higher than the organization',
  within: 'Within the organization’s range',
};

/** Calibration per pillar (the organization's order), each interviewer with a cell for it in the service's order. */
export function calibrationPillars(analytics: InterviewerAnalyticsDto, pillarOrder: readonly PillarRef[]): CalibrationPillarView[] {
  const fewText = (count: number): string => `Too few ratings (${count} of ${analytics.minCount} needed)`;
  return pillarOrder.flatMap((pillar) => {
    const cells = analytics.items.flatMap((item) => {
      const cell = item.pillars.find((candidate) => candidate.pillar.id === pillar.id);
      return cell ? [{ name: item.interviewer.name, cell }] : [];
    });
    if (cells.length === 0) return [];
    const organizationMean = number2(cells[0]!.cell.organizationMean);
    const rows: CalibrationRowView[] = cells.map(({ name, cell }) => {
      const interval = cell.enoughData ? cell.confidenceInterval : null;
      const direction = interval ? directionOf(interval) : 'few';
      return {
        interviewerName: name,
        count: cell.count,
        meanRating: number2(cell.meanRating),
        offset: cell.offset === null || !interval ? NONE : formatOffset(cell.offset),
        interval: interval ? `${formatOffset(interval.low)} to ${formatOffset(interval.high)}` : NONE,
        reading: direction === 'few' ? fewText(cell.count) : READINGS[direction],
        direction,
        strongShare: percent(cell.strongShare),
      };
    });
    const chart = calibrationChart(
      cells.map(({ name, cell }) => ({
        label: `${name} (${cell.count})`,
        offset: cell.enoughData ? cell.offset : null,
        interval: cell.enoughData ? cell.confidenceInterval : null,
        count: cell.count,
      })),
      (row) => `too few ratings (${row.count} of ${analytics.minCount})`,
    );
    const sentences = rows.map((row) =>
      row.direction === 'few'
        ? `${row.interviewerName}: too few ratings to judge (${row.count} of ${analytics.minCount} needed).`
        : `${row.interviewerName}: ${row.offset}, interval ${row.interval}, ${ratings(row.count)}; ${row.reading.toLowerCase()}.`,
    );
    return [
      {
        key: pillar.key,
        name: pillar.name,
        organizationMean,
        titleId: `chart-${pillar.key}-title`,
        descId: `chart-${pillar.key}-desc`,
        chartTitle: `${pillar.name}: each interviewer’s offset from the organization’s mean`,
        chartDescription: `The organization’s mean rating is ${organizationMean} on a scale of 1 to 4; dots show each interviewer’s offset from it, whiskers the 95% interval. ${sentences.join(' ')}`,
        chart,
        rows,
        smallSamples: rows.filter((row) => row.direction === 'few').length,
      },
    ];
  });
}

export function interviewerSummaries(analytics: InterviewerAnalyticsDto): InterviewerSummaryView[] {
  return analytics.items.map((item) => ({
    name: item.interviewer.name,
    submitted: item.submitted,
    onTime: percent(item.onTimeRate),
    medianHours: item.medianHoursToSubmit === null ? NONE : item.medianHoursToSubmit.toFixed(1),
  }));
}

interface QuestionColumn {
  key: QuestionSortKey;
  label: string;
  numeric: boolean;
}

const QUESTION_COLUMNS: readonly QuestionColumn[] = [
  { key: 'question', label: 'Question', numeric: false },
  { key: 'pillar', label: 'Pillar', numeric: false },
  { key: 'asked', label: 'Times asked', numeric: true },
  { key: 'mean', label: 'Mean rating', numeric: true },
  { key: 'decided', label: 'In decided loops', numeric: true },
  { key: 'correlation', label: 'Agrees with decisions', numeric: true },
  { key: 'signal', label: 'Signal', numeric: true },
];

type QuestionItem = QuestionAnalyticsDto['items'][number] & { pillarName: string };

const SORT_VALUES: Record<QuestionSortKey, (item: QuestionItem) => string | number | null> = {
  question: (item) => item.question.title,
  pillar: (item) => item.pillarName,
  asked: (item) => item.timesAsked,
  mean: (item) => item.meanRating,
  decided: (item) => item.decided.count,
  correlation: (item) => item.correlation,
  signal: (item) => item.discrimination?.value ?? null,
};

const compareValues = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted by one column; empty values last whichever the direction; ties keep the service's order. */
export function sortQuestions<T extends QuestionItem>(items: readonly T[], sort: QuestionSort): T[] {
  const value = SORT_VALUES[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return items
    .map((item, index) => ({ item, index, value: value(item) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      return sign * compareValues(a.value, b.value) || a.index - b.index;
    })
    .map((entry) => entry.item);
}

/** How a column sorts first: text A to Z, numbers highest first. */
export function firstDirection(key: QuestionSortKey): SortDirection {
  return QUESTION_COLUMNS.find((column) => column.key === key)!.numeric ? 'desc' : 'asc';
}

/** The first click on a column sorts it its first way; a click on the sorted column turns it round. */
export function questionHeaders(basePath: string, state: AnalyticsState): SortableHeaderView[] {
  const sort = state.sort;
  return QUESTION_COLUMNS.map((column) => {
    const sorted = column.key === sort.key;
    const next: SortDirection = sorted ? (sort.dir === 'asc' ? 'desc' : 'asc') : firstDirection(column.key);
    return {
      label: column.label,
      href: `${analyticsUrl(basePath, { ...state, sort: { key: column.key, dir: next } })}#questions`,
      ariaSort: sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : null,
      sortMark: sorted ? (sort.dir === 'asc' ? '\u25b2' : '\u25bc') : null,
      numeric: column.numeric,
    };
  });
}

export function describeSort(sort: QuestionSort): string {
  const column = QUESTION_COLUMNS.find((candidate) => candidate.key === sort.key)!;
  const order = column.numeric ? (sort.dir === 'asc' ? 'lowest first' : 'highest first') : sort.dir === 'asc' ? 'A to Z' : 'Z to A';
  return `Sorted by ${column.label.toLowerCase()}, ${order}.`;
}

export function questionRows(
  analytics: QuestionAnalyticsDto,
  pillarNames: ReadonlyMap<string, string>,
  sort: QuestionSort,
  timeZone: string,
): QuestionRowView[] {
  const items = analytics.items.map((item) => ({ ...item, pillarName: pillarNames.get(item.question.pillarId) ?? NONE }));
  const ranked = items.filter((item) => item.signalRank !== null).length;
  return sortQuestions(items, sort).map((item) => ({
    href: `/app/questions/${item.question.id}`,
    title: item.question.title,
    pillarName: item.pillarName,
    timesAsked: item.timesAsked,
    meanRating: number2(item.meanRating),
    decided: item.decided.count === 0 ? 'None yet' : `${item.decided.count} (${item.decided.hires} hire, ${item.decided.noHires} no hire)`,
    correlation: correlationText(item, analytics.minCount),
    signal: discriminationText(item.discrimination),
    rank: item.signalRank === null ? null : `Rank ${item.signalRank} of ${ranked}`,
    marks: signalMarks(item, analytics.lowSignalThreshold, timeZone),
  }));
}

/** "2 questions are flagged: 1 possible leak, 1 low signal." */
export function flagSummary(rows: readonly QuestionRowView[]): string | null {
  const leaks = rows.filter((row) => row.marks.some((mark) => mark.kind === 'leak')).length;
  const low = rows.filter((row) => row.marks.some((mark) => mark.kind === 'low-signal')).length;
  const flagged = rows.filter((row) => row.marks.length > 0).length;
  if (flagged === 0) return null;
  const parts = [leaks && `${leaks} possible leak${leaks === 1 ? '' : 's'}`, low && `${low} with low signal`].filter(Boolean);
  return `${flagged} question${flagged === 1 ? ' is' : 's are'} flagged (${parts.join(', ')}): consider retiring ${flagged === 1 ? 'it' : 'them'}.`;
}

/** The correlation, or in words why the service gives none. */
function correlationText(item: QuestionItem, minCount: number): string {
  if (item.correlation !== null) return formatOffset(item.correlation);
  if (item.decided.count < minCount) return `Too few decided (${item.decided.count} of ${minCount})`;
  if (item.decided.hires === 0 || item.decided.noHires === 0) return 'Needs both hires and no hires';
  return 'Ratings do not vary';
}
