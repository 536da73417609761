import { coverageOf, effectiveStatus, plannedStatus } from './loop-status.js';

const pillars = [
  { id: 'p1', key: 'foundations' },
  { id: 'p2', key: 'coding' },
  { id: 'p3', key: 'system-design' },
  { id: 'p4', key: 'behavioral' },
];
const at = (iso: string): Date => new Date(iso);

describe('coverageOf', () => {
  it('counts rounds per pillar key, a pillar once per round, and lists the expected pillars no round covers', () => {
    const result = coverageOf([{ pillarIds: ['p1', 'p1'] }, { pillarIds: ['p1', 'p3'] }, { pillarIds: ['unknown'] }], pillars, null);
    expect(result.coverage).toEqual({ foundations: 2, coding: 0, 'system-design': 1, behavioral: 0 });
    expect(result.missingPillars).toEqual(['coding', 'behavioral']);
  });

  it('expects only the template’s pillars when there is a template', () => {
    expect(coverageOf([{ pillarIds: ['p1'] }], pillars, ['p1', 'p2']).missingPillars).toEqual(['coding']);
    expect(coverageOf([], pillars, []).missingPillars).toEqual([]);
  });
});

describe('loop status', () => {
  const assigned = { interviewerId: 'u1', startsAt: at('2030-01-01T10:00:00Z'), endsAt: at('2030-01-01T11:00:00Z') };

  it('is scheduled only when every round has an interviewer and times', () => {
    expect(plannedStatus([])).toBe('draft');
    expect(plannedStatus([assigned])).toBe('scheduled');
    expect(plannedStatus([assigned, { ...assigned, interviewerId: null }])).toBe('draft');
    expect(plannedStatus([assigned, { ...assigned, startsAt: null, endsAt: null }])).toBe('draft');
  });

  it('reads as in_review once a round of a scheduled loop has ended', () => {
    expect(effectiveStatus('scheduled', [assigned], at('2030-01-01T10:59:59Z'))).toBe('scheduled');
    expect(effectiveStatus('scheduled', [assigned], at('2030-01-01T11:00:00Z'))).toBe('in_review');
    expect(effectiveStatus('draft', [assigned], at('2031-01-01T00:00:00Z'))).toBe('draft');
    expect(effectiveStatus('decided', [assigned], at('2031-01-01T00:00:00Z'))).toBe('decided');
  });
});
