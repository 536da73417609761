import { SqlParams } from '@loopwright/database';
import { AuditLog, OrganizationsService, UsersService, type Actor } from '@loopwright/identity';
import { teamSuite } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

/** What other features ask identity for instead of reading its tables: names, due hours, the audit insert. */
describe('identity: the reads and writes other features go through', () => {
  const suite = teamSuite({ admin: ['admin'], i1: ['interviewer'] }, { other: { admin: ['admin'] } });

  it('names users of the organization only, in one statement however many', async () => {
    const users = suite.testApp.app.get(UsersService);
    const names = await users.namesByIds(suite.team.organization.id, [
      suite.team.users.admin!.id,
      suite.team.users.i1!.id,
      suite.team.users.i1!.id,
      suite.other.users.admin!.id,
      randomUUID(),
    ]);
    expect(Object.fromEntries(names)).toEqual({ [suite.team.users.admin!.id]: suite.team.users.admin!.name, [suite.team.users.i1!.id]: suite.team.users.i1!.name });
    expect((await users.namesByIds(suite.team.organization.id, [])).size).toBe(0);
  });

  it('embeds namesSql in the caller’s statement: the names namesByIds gives, none of another organization', async () => {
    const users = suite.testApp.app.get(UsersService);
    const ids = [suite.team.users.admin!.id, suite.team.users.i1!.id, suite.team.users.i1!.id, suite.other.users.admin!.id, randomUUID()];
    const params = new SqlParams();
    const [row] = await suite.testApp.dataSource.query<{ names: Record<string, string>; none: Record<string, string>; n: number }[]>(
      `SELECT ${users.namesSql(params, suite.team.organization.id, ids)} AS names, ${users.namesSql(params, suite.team.organization.id, [])} AS none,
              ${params.add(7)}::int AS n`,
      params.values,
    );
    expect(row!.names).toEqual(Object.fromEntries(await users.namesByIds(suite.team.organization.id, ids)));
    expect(row!.names).toEqual({ [suite.team.users.admin!.id]: suite.team.users.admin!.name, [suite.team.users.i1!.id]: suite.team.users.i1!.name });
    expect(row!.none).toEqual({});
    // Its values went through the caller's params: the caller's own placeholder after them still binds.
    expect(row!.n).toBe(7);
  });

  it('gives an organization’s due hours, and none for an unknown organization', async () => {
    const organizations = suite.testApp.app.get(OrganizationsService);
    await suite.testApp.dataSource.query('UPDATE organizations SET rating_due_hours = 2, writeup_due_hours = 48 WHERE id = $1', [
      suite.other.organization.id,
    ]);
    expect(await organizations.dueHours(suite.testApp.dataSource.manager, suite.team.organization.id)).toEqual({ rating: 1, writeup: 24 });
    expect(await organizations.dueHours(suite.testApp.dataSource.manager, suite.other.organization.id)).toEqual({ rating: 2, writeup: 48 });
    expect(await organizations.dueHours(suite.testApp.dataSource.manager, randomUUID())).toBeNull();
  });

  it('writes through recordEachSql the same event record writes, one per row of the caller’s statement', async () => {
    const audit = suite.testApp.app.get(AuditLog);
    const actor: Actor = {
      userId: suite.team.users.admin!.id,
      organizationId: suite.team.organization.id,
      roles: ['admin'],
      requestId: 'req-each',
      tokenId: null,
    };
    const [recorded, composedA, composedB] = [randomUUID(), randomUUID(), randomUUID()];
    await audit.record(suite.testApp.dataSource.manager, actor, {
      action: 'thing.touched',
      entityType: 'thing',
      entityId: recorded,
      changes: { version: { before: 1, after: 2 } },
    });
    const params = new SqlParams();
    const ids = params.add([composedA, composedB]);
    await suite.testApp.dataSource.query(
      `WITH touched AS (SELECT t.id FROM unnest(${ids}::uuid[]) AS t(id)), audited AS (
         ${audit.recordEachSql(params, actor, {
           action: 'thing.touched',
           entityType: 'thing',
           rows: 'touched t',
           entityId: 't.id',
           changes: `jsonb_build_object('version', jsonb_build_object('before', 1, 'after', 2))`,
         })}
       ) SELECT count(*) FROM touched`,
      params.values,
    );
    const rows: Record<string, unknown>[] = await suite.testApp.dataSource.query(
      `SELECT entity_id, organization_id, actor_id, action, entity_type, changes, request_id, id IS NOT NULL AS has_id, at IS NOT NULL AS has_time
         FROM audit_events WHERE entity_id = ANY($1::uuid[])`,
      [[recorded, composedA, composedB]],
    );
    const byEntity = new Map(rows.map(({ entity_id: entityId, ...row }) => [entityId, row]));
    expect(byEntity.size).toBe(3);
    expect(byEntity.get(composedA)).toEqual(byEntity.get(recorded));
    expect(byEntity.get(composedB)).toEqual(byEntity.get(recorded));
    expect(byEntity.get(recorded)).toMatchObject({ actor_id: suite.team.users.admin!.id, request_id: 'req-each', has_id: true, has_time: true });
  });
});
