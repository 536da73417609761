import {
  CHART_WIDTH,
  calibrationChart,
  clamp,
  directionOf,
  formatOffset,
  linearScale,
  symmetricExtent,
  tickValues,
  truncateLabel,
  type ChartRowInput,
} from './calibration-chart.js';

const few = (row: ChartRowInput): string => `too few: ${row.label} (${row.count})`;

describe('calibration chart geometry', () => {
  it('maps a domain onto a range linearly, both ways round', () => {
    const x = linearScale([-1, 1], [14, 306]);
    expect(x(-1)).toBe(14);
    expect(x(0)).toBe(160);
    expect(x(1)).toBe(306);
    expect(linearScale([0, 10], [100, 0])(2.5)).toBe(75);
    expect(linearScale([2, 2], [5, 9])(2)).toBe(5);
  });

  it('clamps', () => {
    expect(clamp(5, -3, 3)).toBe(3);
    expect(clamp(-5, -3, 3)).toBe(-3);
    expect(clamp(0.2, -3, 3)).toBe(0.2);
  });

  it('takes the axis half-width from the farthest value, by half points, between one and three points', () => {
    expect(symmetricExtent([])).toBe(1);
    expect(symmetricExtent([0.2, -0.4])).toBe(1);
    expect(symmetricExtent([1])).toBe(1);
    expect(symmetricExtent([0.3, -1.2])).toBe(1.5);
    expect(symmetricExtent([2.01])).toBe(2.5);
    expect(symmetricExtent([-7])).toBe(3);
    expect(symmetricExtent([Number.NaN, 0.1])).toBe(1);
  });

  it('ticks every half point up to ±1, every point beyond', () => {
    expect(tickValues(1)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(tickValues(1.5)).toEqual([-1, 0, 1]);
    expect(tickValues(3)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('writes offsets with a sign and a real minus', () => {
    expect(formatOffset(0.4)).toBe('+0.40');
    expect(formatOffset(-0.25)).toBe('\u22120.25');
    expect(formatOffset(-0.001)).toBe('0.00');
    expect(formatOffset(1, 0)).toBe('+1');
  });

  it('says where an interval lies against the mean', () => {
    expect(directionOf({ low: -0.9, high: -0.1 })).toBe('lower');
    expect(directionOf({ low: 0.1, high: 0.6 })).toBe('higher');
    expect(directionOf({ low: -0.2, high: 0.6 })).toBe('within');
  });

  it('shortens long names with an ellipsis, counting characters not code units', () => {
    expect(truncateLabel('Ada Lovelace')).toBe('Ada Lovelace');
    expect(truncateLabel('Bartholomew Montgomery-Smythe the Third', 20)).toBe('Bartholomew Montgom\u2026');
    expect(truncateLabel('😀'.repeat(10), 5)).toBe('😀😀😀😀\u2026');
  });

  it('places a dot and whisker per interviewer, the mean at the centre, and words for a small sample', () => {
    const chart = calibrationChart(
      [
        { label: 'Ada', offset: 0.5, interval: { low: 0.1, high: 0.9 }, count: 6 },
        { label: 'Ben', offset: null, interval: null, count: 2 },
      ],
      few,
    );
    expect(chart.width).toBe(CHART_WIDTH);
    expect(chart.extent).toBe(1);
    expect(chart.zeroX).toBe(CHART_WIDTH / 2);
    const [ada, ben] = chart.rows;
    expect(ada!.dot).toEqual({ x: chart.zeroX + (chart.plotRight - chart.zeroX) / 2, direction: 'higher' });
    expect(ada!.whisker!.x1).toBeCloseTo(chart.zeroX + (chart.plotRight - chart.zeroX) * 0.1);
    expect(ada!.whisker!.x2).toBeCloseTo(chart.zeroX + (chart.plotRight - chart.zeroX) * 0.9);
    expect(ada!.whisker!.lowArrow).toBeNull();
    expect(ada!.valueText).toBe('+0.50');
    expect(ben!.dot).toBeNull();
    expect(ben!.whisker).toBeNull();
    expect(ben!.valueText).toBe('too few: Ben (2)');
    expect(ben!.lineY).toBeGreaterThan(ada!.lineY);
    expect(chart.height).toBeGreaterThan(chart.plotBottom);
    expect(chart.ticks.find((tick) => tick.zero)).toEqual({ x: chart.zeroX, label: '0', zero: true });
  });

  it('clamps an interval that runs off the axis to its edge, with an arrow on that end', () => {
    const chart = calibrationChart([{ label: 'Cleo', offset: -2.2, interval: { low: -3.6, high: -0.8 }, count: 9 }], few);
    expect(chart.extent).toBe(3);
    const [cleo] = chart.rows;
    expect(cleo!.whisker!.x1).toBe(chart.plotLeft);
    expect(cleo!.whisker!.lowArrow).toMatch(new RegExp(`^${chart.plotLeft},\\d+(\\.\\d+)? ${chart.plotLeft + 7},`));
    expect(cleo!.whisker!.highArrow).toBeNull();
    expect(cleo!.dot!.direction).toBe('lower');
    for (const tick of chart.ticks) {
      expect(tick.x).toBeGreaterThanOrEqual(chart.plotLeft);
      expect(tick.x).toBeLessThanOrEqual(chart.plotRight);
    }
  });
});
