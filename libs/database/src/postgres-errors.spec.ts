import { isExclusionViolation, isForeignKeyViolation, isUniqueViolation, SqlParams } from './postgres-errors.js';

const wrapped = (code: string, constraint?: string) => ({ message: 'query failed', driverError: { code, constraint } });

describe('PostgreSQL error helpers', () => {
  it('recognises a unique violation only on the named constraint', () => {
    expect(isUniqueViolation(wrapped('23505', 'users_email_key'), 'users_email_key')).toBe(true);
    expect(isUniqueViolation(wrapped('23505', 'other_key'), 'users_email_key')).toBe(false);
    expect(isUniqueViolation(wrapped('23P01', 'users_email_key'), 'users_email_key')).toBe(false);
  });

  it('recognises an exclusion violation only on the named constraint', () => {
    expect(isExclusionViolation(wrapped('23P01', 'no_overlap'), 'no_overlap')).toBe(true);
    expect(isExclusionViolation(wrapped('23P01', 'other'), 'no_overlap')).toBe(false);
    expect(isExclusionViolation(wrapped('23505', 'no_overlap'), 'no_overlap')).toBe(false);
  });

  it('recognises a foreign key violation by its code', () => {
    expect(isForeignKeyViolation(wrapped('23503', 'fk_any'))).toBe(true);
    expect(isForeignKeyViolation(wrapped('23505'))).toBe(false);
  });

  it('answers false for anything that is not a wrapped driver error', () => {
    for (const value of [null, undefined, 'text', 42, new Error('boom'), { code: '23505', constraint: 'k' }]) {
      expect(isUniqueViolation(value, 'k')).toBe(false);
      expect(isExclusionViolation(value, 'k')).toBe(false);
      expect(isForeignKeyViolation(value)).toBe(false);
    }
  });
});

describe('SqlParams', () => {
  it('numbers placeholders in order and keeps the values apart from the text', () => {
    const params = new SqlParams();
    expect(params.add('a')).toBe('$1');
    expect(params.add(2)).toBe('$2');
    expect(params.values).toEqual(['a', 2]);
  });
});
