import { validationFailed } from '../errors/app-error.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each value of a cursor must be: checked before it reaches SQL. */
/** `integer` is a 32-bit one (an SQL `int`); `number` any finite one (`float8`). */
export type CursorField = 'string' | 'uuid' | 'timestamp' | 'number' | 'integer';

type CursorValue<F extends CursorField> = F extends 'number' | 'integer' ? number : string;
export type CursorKey<S extends Record<string, CursorField>> = { [Name in keyof S]: CursorValue<S[Name]> };

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

function fits(value: unknown, field: CursorField): boolean {
  switch (field) {
    case 'string':
      return typeof value === 'string' && value.length <= 1000 && !value.includes('\u0000') && !/\p{Cs}/u.test(value);
    case 'uuid':
      return typeof value === 'string' && UUID_PATTERN.test(value);
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP_PATTERN.test(value) && Number.isFinite(Date.parse(value));
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2_147_483_647;
  }
}

/**
 * The key a `cursor` of this list holds, each value checked against `shape` (a forged cursor with values of
 * the wrong type, a non-date or a non-UUID is a 400 naming `cursor`, never SQL's problem); null without a cursor.
 */
export function decodeCursor<S extends Record<string, CursorField>>(cursor: string | undefined, shape: S): CursorKey<S> | null {
  if (cursor === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      Object.entries(shape).every(([name, field]) => Object.hasOwn(parsed, name) && fits((parsed as Record<string, unknown>)[name], field))
    ) {
      return Object.fromEntries(Object.keys(shape).map((name) => [name, (parsed as Record<string, unknown>)[name]])) as CursorKey<S>;
    }
  } catch {
    // falls through to the validation error
  }
  throw validationFailed([{ field: 'cursor', problems: ['cursor is not a cursor this list returned'] }]);
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says whether there is a next page. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => Record<string, string | number>,
): Page<Item> {
  const hasMore = rows.length > limit;
  const shown = hasMore ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return { items: shown.map(toItem), nextCursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}
