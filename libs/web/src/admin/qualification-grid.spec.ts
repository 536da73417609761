import { cellName, postedRow, rowChanged } from './qualification-grid.js';

const USER = '11111111-1111-4111-8111-111111111111';
const CODING = '22222222-2222-4222-8222-222222222222';
const DESIGN = '33333333-3333-4333-8333-333333333333';
const HIDDEN = '44444444-4444-4444-8444-444444444444';

describe('the qualifications grid as posted', () => {
  it('reads a row: "none" left out, pillars the grid did not show kept as held', () => {
    const fields = new Map([
      [cellName(USER, CODING), 'qualified'],
      [cellName(USER, DESIGN), 'none'],
    ]);
    expect(postedRow(fields, USER, [CODING, DESIGN], [{ pillarId: HIDDEN, level: 'shadow' }])).toEqual([
      { pillarId: CODING, level: 'qualified' },
      { pillarId: HIDDEN, level: 'shadow' },
    ]);
  });

  it('is null for a row the form did not send, and keeps an unknown level for the service to refuse', () => {
    expect(postedRow(new Map(), USER, [CODING], [])).toBeNull();
    expect(postedRow(new Map([[cellName(USER, CODING), 'expert']]), USER, [CODING], [])).toEqual([{ pillarId: CODING, level: 'expert' }]);
  });

  it('tells a changed row from an unchanged one whatever the order', () => {
    const held = [
      { pillarId: CODING, level: 'qualified' },
      { pillarId: DESIGN, level: 'shadow' },
    ];
    expect(rowChanged([...held].reverse(), held)).toBe(false);
    expect(rowChanged([{ pillarId: CODING, level: 'qualified' }], held)).toBe(true);
    expect(rowChanged([{ pillarId: CODING, level: 'shadow' }, held[1]!], held)).toBe(true);
  });
});
