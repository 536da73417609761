import { decodeCursor, toPage, type CursorField, type Page } from '@loopwright/core';
import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Reading an organization's rows the way every feature does: one row locked for a change, and keyset-paged lists.
 * One copy for every library (each passes its own entities: the SQL names only the caller's tables).
 */

/** The organization's row `id` (and `where`), locked `FOR UPDATE` until the transaction ends; null when it has none. */
export function lockInOrg<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  organizationId: string,
  id: string,
  where: FindOptionsWhere<E> = {},
): Promise<E | null> {
  return manager.findOne(entity, { where: { ...where, organizationId, id } as FindOptionsWhere<E>, lock: { mode: 'pessimistic_write' } });
}

/** The order of a keyset-paged list: one column (`key` on the entity and in the cursor), then `id` to break ties. */
export interface KeysetOrder {
  column: string;
  key: string;
  field: CursorField;
  direction: 'ASC' | 'DESC';
}

export const NEWEST_FIRST: KeysetOrder = { column: 'created_at', key: 'createdAt', field: 'timestamp', direction: 'DESC' };
/** Newest first by `at`, the time of a logged event (audit and access events). */
export const LATEST_AT_FIRST: KeysetOrder = { column: 'at', key: 'at', field: 'timestamp', direction: 'DESC' };
export const BY_NAME: KeysetOrder = { column: 'name', key: 'name', field: 'string', direction: 'ASC' };

const CASTS: Partial<Record<CursorField, string>> = { timestamp: '::timestamptz' };

/**
 * The rows of one page of `builder` (filtered already): `limit + 1` of them after the cursor's row, in `order`,
 * in one statement. A forged cursor is a 400 naming `cursor` (`decodeCursor`).
 */
export function keysetRows<E extends ObjectLiteral>(
  builder: SelectQueryBuilder<E>,
  order: KeysetOrder,
  query: { limit: number; cursor?: string },
): Promise<E[]> {
  const column = `${builder.alias}.${order.column}`;
  const id = `${builder.alias}.id`;
  builder
    .orderBy(column, order.direction)
    .addOrderBy(id, order.direction)
    .take(query.limit + 1);
  const after = decodeCursor(query.cursor, { [order.key]: order.field, id: 'uuid' } as Record<string, CursorField>);
  if (after) {
    builder.andWhere(`(${column}, ${id}) ${order.direction === 'ASC' ? '>' : '<'} (:afterKey${CASTS[order.field] ?? ''}, :afterId::uuid)`, {
      afterKey: after[order.key],
      afterId: after.id,
    });
  }
  return builder.getMany();
}

/** The cursor of a row of a list in `order`: its sort key (a date as ISO-8601) and its id. */
export const keysetCursor =
  (order: KeysetOrder) =>
  (row: ObjectLiteral): Record<string, string | number> => {
    const key: unknown = row[order.key];
    return { [order.key]: key instanceof Date ? key.toISOString() : (key as string | number), id: row.id as string };
  };

/** One page of `builder` in `order`, each row mapped by `toItem`: `keysetRows` and the next cursor. */
export async function keysetPage<E extends ObjectLiteral, Item>(
  builder: SelectQueryBuilder<E>,
  order: KeysetOrder,
  query: { limit: number; cursor?: string },
  toItem: (row: E) => Item,
): Promise<Page<Item>> {
  return toPage(await keysetRows(builder, order, query), query.limit, toItem, keysetCursor(order));
}

/** `LIKE` text matching values that start with `text`, any case (for `lower(column) LIKE :prefix`): `%`, `_` and `\` match only themselves. */
export const likePrefix = (text: string): string => `${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
