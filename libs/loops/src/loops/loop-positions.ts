import type { EntityManager } from 'typeorm';

/** The position of each of these loops of the organization (a loop's position never changes), in one statement. */
export async function positionsOfLoops(manager: EntityManager, organizationId: string, loopIds: readonly string[]): Promise<{ loopId: string; positionId: string }[]> {
  const rows: { id: string; position_id: string }[] = await manager.query('SELECT l.id, l.position_id FROM loops l WHERE l.organization_id = $1 AND l.id = ANY($2::uuid[])', [
    organizationId,
    [...loopIds],
  ]);
  return rows.map((row) => ({ loopId: row.id, positionId: row.position_id }));
}
