import { BY_NAME, keysetCursor, likePrefix, NEWEST_FIRST } from './organization-rows.js';

describe('likePrefix', () => {
  it('lowercases and matches anything after the text', () => {
    expect(likePrefix('Jor')).toBe('jor%');
  });

  it('escapes LIKE wildcards and the escape character, so that they match only themselves', () => {
    expect(likePrefix('50%_a\\b')).toBe('50\\%\\_a\\\\b%');
  });
});

describe('keysetCursor', () => {
  it('keeps a date of the sort key as ISO-8601 to the millisecond, with the id', () => {
    const row = { id: '7d1c0f5e-8b7a-4b8e-9a53-2f7d0c1e4a10', createdAt: new Date('2026-12-01T10:20:30.456Z'), name: 'ignored' };
    expect(keysetCursor(NEWEST_FIRST)(row)).toEqual({ createdAt: '2026-12-01T10:20:30.456Z', id: row.id });
  });

  it('keeps a text sort key as it is', () => {
    expect(keysetCursor(BY_NAME)({ id: 'a', name: 'Ada' })).toEqual({ name: 'Ada', id: 'a' });
  });
});
