import { foreignKeyViolation, isExclusionViolation, isForeignKeyViolation, isUniqueViolation, SqlParams } from './postgres-errors.js';

const wrapped = (code: string, constraint?: string, detail?: string) => ({ message: 'query failed', driverError: { code, constraint, detail } });

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

  it('reads the constraint and the key of a foreign key violation from its detail', () => {
    const detail = 'Key (organization_id, pillar_id)=(6d1c0c2e-0000-4000-8000-000000000001, 9f3a7b10-0000-4000-8000-000000000002) is not present in table "pillars".';
    expect(foreignKeyViolation(wrapped('23503', 'pillar_used_by_x', detail))).toEqual({
      constraint: 'pillar_used_by_x',
      key: { organization_id: '6d1c0c2e-0000-4000-8000-000000000001', pillar_id: '9f3a7b10-0000-4000-8000-000000000002' },
    });
    const deleted = 'Key (organization_id, id)=(a, b) is still referenced from table "loop_round_pillars".';
    expect(foreignKeyViolation(wrapped('23503', 'pillar_used_by_loop_rounds', deleted))?.key).toEqual({ organization_id: 'a', id: 'b' });
    expect(foreignKeyViolation(wrapped('23503', 'fk', undefined))).toEqual({ constraint: 'fk', key: {} });
    expect(foreignKeyViolation(wrapped('23505', 'k', detail))).toBeUndefined();
  });

  it('answers false for anything that is not a wrapped driver error', () => {
    for (const value of [null, undefined, 'text', 42, new Error('boom'), { code: '23505', constraint: 'k' }]) {
      expect(isUniqueViolation(value, 'k')).toBe(false);
      expect(isExclusionViolation(value, 'k')).toBe(false);
      expect(isForeignKeyViolation(value)).toBe(false);
      expect(foreignKeyViolation(value)).toBeUndefined();
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
