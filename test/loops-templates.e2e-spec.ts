import type { Role } from '@loopwright/identity';
import { as, auditActions, createTeam, createTestApp, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

const ROLES: Record<string, Role[]> = {
  admin: ['admin'],
  hiringManager: ['hiring_manager'],
  recruiter: ['recruiter'],
};

interface TemplateBody {
  id: string;
  name: string;
  rounds: { title: string; durationMinutes: number; pillarIds: string[]; questionCount: number; position: number }[];
}

describe('loops: loop templates', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let other: TestTeam;
  let pillars: Record<string, string>;
  let otherPillars: Record<string, string>;

  const pillarMap = async (user: { token: string }): Promise<Record<string, string>> => {
    const response = await as(testApp, user).get('/api/pillars').expect(200);
    return Object.fromEntries((response.body as { key: string; id: string }[]).map((pillar) => [pillar.key, pillar.id]));
  };

  const template = (
    rounds: unknown[] = [{ title: 'Coding', durationMinutes: 60, pillarIds: [pillars.coding], questionCount: 2 }],
  ): Record<string, unknown> => ({
    name: `Template ${randomUUID().slice(0, 6)}`,
    description: 'For tests',
    rounds,
  });

  beforeAll(async () => {
    testApp = await createTestApp();
    [team, other] = await Promise.all([createTeam(testApp, ROLES), createTeam(testApp, { admin: ['admin'] })]);
    [pillars, otherPillars] = await Promise.all([pillarMap(team.users.admin), pillarMap(other.users.admin)]);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('seeds the AI Engineer and ML Engineer onsites, each covering all four pillars with its own emphasis', async () => {
    const response = await as(testApp, team.users.hiringManager).get('/api/loop-templates').expect(200);
    const byName = new Map((response.body.items as TemplateBody[]).map((item) => [item.name, item]));
    const keyOf = new Map(Object.entries(pillars).map(([key, id]) => [id, key]));
    const roundsPer = (name: string): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const round of byName.get(name)?.rounds ?? [])
        for (const id of round.pillarIds) counts[keyOf.get(id) ?? id] = (counts[keyOf.get(id) ?? id] ?? 0) + 1;
      return counts;
    };
    const ai = roundsPer('AI Engineer onsite');
    const ml = roundsPer('ML Engineer onsite');
    expect(Object.keys(ai).sort()).toEqual(['behavioral', 'coding', 'foundations', 'system-design']);
    expect(Object.keys(ml).sort()).toEqual(['behavioral', 'coding', 'foundations', 'system-design']);
    expect(ai['system-design']).toBeGreaterThan(ai.coding ?? 0);
    expect(ml.coding).toBeGreaterThan(ml['system-design'] ?? 0);
    expect(byName.get('ML Engineer onsite')?.rounds.some((round) => /lifecycle/i.test(round.title))).toBe(true);
    // Each organization gets its own copy, with its own pillars.
    const theirs = await as(testApp, other.users.admin).get('/api/loop-templates').expect(200);
    const theirPillarIds = new Set(
      (theirs.body.items as TemplateBody[]).flatMap((item) => item.rounds.flatMap((round) => round.pillarIds)),
    );
    expect([...theirPillarIds].sort()).toEqual(Object.values(otherPillars).sort());
  });

  it('creates, reads and replaces a template with an audit event each time', async () => {
    const created = await as(testApp, team.users.hiringManager)
      .post('/api/loop-templates')
      .send(
        template([
          { title: 'Foundations', durationMinutes: 45, pillarIds: [pillars.foundations], questionCount: 3 },
          { title: 'Design', durationMinutes: 480, pillarIds: [pillars['system-design'], pillars.behavioral], questionCount: 10 },
        ]),
      )
      .expect(201);
    expect(created.body.rounds).toEqual([
      { position: 0, title: 'Foundations', durationMinutes: 45, pillarIds: [pillars.foundations], questionCount: 3, tags: [] },
      { position: 1, title: 'Design', durationMinutes: 480, pillarIds: [pillars['system-design'], pillars.behavioral], questionCount: 10, tags: [] },
    ]);
    const url = `/api/loop-templates/${created.body.id}`;
    await as(testApp, team.users.admin).get(url).expect(200);
    const replaced = await as(testApp, team.users.admin)
      .put(url)
      .send({ name: 'Renamed', rounds: [{ title: 'Only coding', durationMinutes: 30, pillarIds: [pillars.coding], questionCount: 0 }] })
      .expect(200);
    expect(replaced.body).toMatchObject({
      name: 'Renamed',
      description: 'For tests',
      rounds: [{ position: 0, title: 'Only coding', questionCount: 0 }],
    });
    expect((await as(testApp, team.users.admin).get(url).expect(200)).body.rounds).toHaveLength(1);
    expect(await auditActions(testApp, team.organization.id, created.body.id)).toEqual(['loop_template.updated', 'loop_template.created']);
  });

  it('refuses bad templates with 400 naming the field, and writes nothing', async () => {
    const hm = as(testApp, team.users.hiringManager);
    const round = { title: 'Coding', durationMinutes: 60, pillarIds: [pillars.coding], questionCount: 2 };
    const cases: [unknown, string][] = [
      [template([]), 'rounds'],
      [template(Array.from({ length: 21 }, () => round)), 'rounds'],
      [template([{ ...round, questionCount: 11 }]), 'rounds.0.questionCount'],
      [template([{ ...round, durationMinutes: 481 }]), 'rounds.0.durationMinutes'],
      [template([round, { ...round, durationMinutes: 0 }]), 'rounds.1.durationMinutes'],
      [template([{ ...round, pillarIds: [] }]), 'rounds.0.pillarIds'],
      [template([round, { ...round, pillarIds: [otherPillars.coding] }]), 'rounds.1.pillarIds'],
      [template([{ ...round, pillarIds: [randomUUID()] }]), 'rounds.0.pillarIds'],
      [template([{ ...round, extra: true }]), 'rounds.0.extra'],
      [{ ...template(), name: ' ' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const response = await hm
        .post('/api/loop-templates')
        .send(body as object)
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    }
    await hm
      .post('/api/loop-templates')
      .send(template(Array.from({ length: 20 }, () => round)))
      .expect(201);
    const [{ count }] = await testApp.dataSource.query(`SELECT count(*)::int AS count FROM loop_templates WHERE organization_id = $1`, [
      team.organization.id,
    ]);
    // The two seeded, the one of the previous test, the one of 20 rounds.
    expect(count).toBe(4);
    // A replacement that fails leaves the template as it was.
    const created = await hm.post('/api/loop-templates').send(template()).expect(201);
    await hm
      .put(`/api/loop-templates/${created.body.id}`)
      .send(template([{ ...round, pillarIds: [otherPillars.coding] }]))
      .expect(400);
    expect((await hm.get(`/api/loop-templates/${created.body.id}`).expect(200)).body).toEqual(created.body);
  });

  it('is for admins and hiring managers, within their organization', async () => {
    await as(testApp, team.users.recruiter).get('/api/loop-templates').expect(403);
    await as(testApp, team.users.recruiter).post('/api/loop-templates').send(template()).expect(403);
    const theirs = await as(testApp, other.users.admin).get('/api/loop-templates').expect(200);
    const foreignId = theirs.body.items[0].id;
    await as(testApp, team.users.admin).get(`/api/loop-templates/${foreignId}`).expect(404);
    await as(testApp, team.users.admin).put(`/api/loop-templates/${foreignId}`).send(template()).expect(404);
  });

  it('lets a pillar that only templates use be deleted: it drops out of their rounds', async () => {
    const pillar = await as(testApp, team.users.admin)
      .post('/api/pillars')
      .send({ key: `mlops-${randomUUID().slice(0, 4)}`, name: 'MLOps' })
      .expect(201);
    const created = await as(testApp, team.users.admin)
      .post('/api/loop-templates')
      .send(template([{ title: 'MLOps', durationMinutes: 45, pillarIds: [pillar.body.id, pillars.coding], questionCount: 0 }]))
      .expect(201);
    await as(testApp, team.users.admin).delete(`/api/pillars/${pillar.body.id}`).expect(204);
    const after = await as(testApp, team.users.admin).get(`/api/loop-templates/${created.body.id}`).expect(200);
    expect(after.body.rounds[0].pillarIds).toEqual([pillars.coding]);
  });
});
