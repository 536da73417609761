/**
 * The geometry of one calibration chart (one pillar): per interviewer a dot at their offset from the organization's
 * mean and a whisker for its interval, the mean as the vertical line at 0. Plain numbers for an SVG drawn with
 * presentation attributes (the pages' CSP allows no inline style). The chart is 300 units wide, so that on a phone it
 * is drawn at about its own size and its text stays readable.
 */

export const CHART_WIDTH = 300;
const MARGIN_X = 16;
const TOP = 26;
const ROW_HEIGHT = 48;
const LABEL_DROP = 16;
const WHISKER_DROP = 35;
const AXIS_HEIGHT = 50;
const ARROW = 7;
/** Longest interviewer name drawn in full (the table has every name whole). */
export const MAX_LABEL_CHARS = 22;

/** Ratings run 1..4, so no offset lies beyond ±3. */
const MAX_EXTENT = 3;
const MIN_EXTENT = 1;
const EXTENT_STEP = 0.5;

export interface ChartRowInput {
  label: string;
  /** Null when the interviewer has too few ratings for an offset. */
  offset: number | null;
  interval: { low: number; high: number } | null;
  count: number;
}

export type Direction = 'lower' | 'higher' | 'within';

export interface ChartRow {
  label: string;
  valueText: string;
  labelY: number;
  lineY: number;
  /** Null for a small sample: the row says so in words instead. */
  dot: { x: number; direction: Direction } | null;
  whisker: { x1: number; x2: number; lowArrow: string | null; highArrow: string | null } | null;
}

export interface ChartTick {
  x: number;
  label: string;
  zero: boolean;
}

export interface ChartGeometry {
  width: number;
  height: number;
  plotTop: number;
  plotBottom: number;
  plotLeft: number;
  plotRight: number;
  zeroX: number;
  /** The interval shown: offsets from -extent to +extent. */
  extent: number;
  ticks: ChartTick[];
  tickLabelY: number;
  captionY: number;
  rows: ChartRow[];
}

/** A linear map from `domain` onto `range`. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const ratio = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * ratio;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Half the width of the axis: the farthest offset or interval end, rounded up to a half point, at least one point
 * (so that small differences do not look large) and at most three (the whole scale).
 */
export function symmetricExtent(values: readonly number[]): number {
  const farthest = values.reduce((max, value) => (Number.isFinite(value) ? Math.max(max, Math.abs(value)) : max), 0);
  return clamp(Math.ceil(farthest / EXTENT_STEP - 1e-9) * EXTENT_STEP, MIN_EXTENT, MAX_EXTENT);
}

/** Tick values from -extent to +extent: every half point up to ±1, whole points beyond. */
export function tickValues(extent: number): number[] {
  const step = extent <= 1 ? 0.5 : 1;
  const count = Math.floor(extent / step + 1e-9);
  const values: number[] = [];
  for (let index = -count; index <= count; index += 1) values.push(index * step);
  return values;
}

/** An offset in words: `+0.40`, `−0.25` (a real minus sign), `0.00`. */
export function formatOffset(value: number, digits = 2): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  return `${rounded > 0 ? '+' : '\u2212'}${Math.abs(rounded).toFixed(digits)}`;
}

/** Where an interval lies against the mean: wholly below it, wholly above it, or across it. */
export function directionOf(interval: { low: number; high: number }): Direction {
  if (interval.high < 0) return 'lower';
  if (interval.low > 0) return 'higher';
  return 'within';
}

export function truncateLabel(label: string, max = MAX_LABEL_CHARS): string {
  const chars = Array.from(label);
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('').trimEnd()}\u2026`;
}

const arrow = (tipX: number, y: number, pointsLeft: boolean): string => {
  const baseX = pointsLeft ? tipX + ARROW : tipX - ARROW;
  return `${tipX},${y} ${baseX},${y - ARROW / 1.5} ${baseX},${y + ARROW / 1.5}`;
};

export function calibrationChart(rows: readonly ChartRowInput[], smallSampleText: (row: ChartRowInput) => string): ChartGeometry {
  const extent = symmetricExtent(
    rows.flatMap((row) => [row.offset, row.interval?.low, row.interval?.high].filter((value): value is number => typeof value === 'number')),
  );
  const plotLeft = MARGIN_X;
  const plotRight = CHART_WIDTH - MARGIN_X;
  const x = linearScale([-extent, extent], [plotLeft, plotRight]);
  const plotTop = TOP;
  const plotBottom = TOP + Math.max(1, rows.length) * ROW_HEIGHT;
  const chartRows = rows.map((row, index): ChartRow => {
    const top = plotTop + index * ROW_HEIGHT;
    const lineY = top + WHISKER_DROP;
    const base = { label: truncateLabel(row.label), labelY: top + LABEL_DROP, lineY };
    if (row.offset === null || row.interval === null) return { ...base, valueText: smallSampleText(row), dot: null, whisker: null };
    const low = clamp(row.interval.low, -extent, extent);
    const high = clamp(row.interval.high, -extent, extent);
    return {
      ...base,
      valueText: formatOffset(row.offset),
      dot: { x: x(clamp(row.offset, -extent, extent)), direction: directionOf(row.interval) },
      whisker: {
        x1: x(low),
        x2: x(high),
        lowArrow: row.interval.low < -extent ? arrow(x(low), lineY, true) : null,
        highArrow: row.interval.high > extent ? arrow(x(high), lineY, false) : null,
      },
    };
  });
  return {
    width: CHART_WIDTH,
    height: plotBottom + AXIS_HEIGHT,
    plotTop,
    plotBottom,
    plotLeft,
    plotRight,
    zeroX: x(0),
    extent,
    ticks: tickValues(extent).map((value) => ({ x: x(value), label: formatOffset(value, value % 1 === 0 ? 0 : 1), zero: value === 0 })),
    tickLabelY: plotBottom + 18,
    captionY: plotBottom + 40,
    rows: chartRows,
  };
}
