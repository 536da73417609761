import { changesBetween } from './audit-log.js';

describe('changesBetween', () => {
  it('keeps only the fields that changed, with before and after', () => {
    const before = { name: 'Ada', roles: ['interviewer'], active: true };
    const after = { name: 'Ada L.', roles: ['interviewer'], active: true };
    expect(changesBetween(before, after, ['name', 'roles', 'active'])).toEqual({ name: { before: 'Ada', after: 'Ada L.' } });
  });

  it('records creation as changes from null', () => {
    expect(changesBetween(null, { name: 'Ada' }, ['name'])).toEqual({ name: { before: null, after: 'Ada' } });
  });

  it('compares arrays and dates by value', () => {
    const day = '2026-11-29T00:00:00.000Z';
    expect(changesBetween({ roles: ['a', 'b'], at: new Date(day) }, { roles: ['a', 'b'], at: new Date(day) }, ['roles', 'at'])).toEqual({});
  });
});
