import type { Actor } from '@loopwright/identity';
import { LoopsService, RoundsService } from '@loopwright/loops';
import {
  as,
  auditActions,
  createCandidateLoop,
  createLoopTemplate,
  createPosition,
  createTeam,
  createTestApp,
  DEFAULT_TEAM,
  patchRound,
  pillarIdsByKey,
  qualify,
  statementsDuring,
  timeSlot,
  type Caller,
  type LoopRef,
  type TestApp,
  type TestTeam,
  type TestUser,
} from '@loopwright/testing';

const BASE = Date.UTC(2031, 0, 6);

const actorOf = (team: TestTeam, user: TestUser): Actor => ({
  userId: user.id,
  organizationId: team.organization.id,
  roles: user.roles,
  requestId: null,
  tokenId: null,
});

/** What the loop plan page reads from the loops feature: every round's seat options, the order of rounds, the next round. */
describe('loops: reads and changes for the loop plan', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let admin: Caller;
  let pillars: Record<string, string>;
  let positionId: string;
  let rounds: RoundsService;
  let loops: LoopsService;

  beforeAll(async () => {
    testApp = await createTestApp();
    team = await createTeam(testApp, { ...DEFAULT_TEAM, otherManager: ['hiring_manager'], trainee: ['interviewer'] });
    admin = as(testApp, team.users.admin!);
    pillars = await pillarIdsByKey(admin);
    await qualify(admin, pillars, [team.users.interviewer!.id, team.users.interviewer2!.id]);
    await qualify(admin, { coding: pillars.coding! }, [team.users.trainee!.id], 'shadow');
    positionId = await createPosition(admin, { title: 'ML Engineer', roleFamily: 'ml_engineer', level: 'mid', hiringManagerId: team.users.hiringManager!.id });
    rounds = testApp.app.get(RoundsService);
    loops = testApp.app.get(LoopsService);
  }, 60_000);

  afterAll(async () => {
    await testApp?.close();
  });

  async function loopOf(count: number): Promise<LoopRef> {
    const template = await createLoopTemplate(
      admin,
      Array.from({ length: count }, () => ({ pillarIds: [pillars.coding!], questionCount: 0 })),
    );
    return createCandidateLoop(admin, { name: `Candidate of ${count}` }, { positionId, templateId: template.id });
  }

  it('offers, per round in order, the same interviewers as the suggestions route, and who may shadow', async () => {
    const loop = await loopOf(2);
    await patchRound(admin, loop, 1, { ...timeSlot(BASE, 1, 9), interviewerId: team.users.interviewer!.id }).expect(200);
    const options = await rounds.optionsForLoop(actorOf(team, team.users.hiringManager!), loop.id);
    expect(options.map((option) => option.roundId)).toEqual(loop.rounds.map((round) => round.id));
    expect(options[0]!.interviewers).toBeNull();
    const api = await admin.get(`/api/loops/${loop.id}/rounds/${loop.rounds[1]!.id}/interviewer-suggestions`).expect(200);
    expect(JSON.parse(JSON.stringify(options[1]!.interviewers))).toEqual({ items: api.body.items, excluded: api.body.excluded });
    expect(options[1]!.interviewers!.items.map((item) => item.user.id)).toEqual([team.users.interviewer!.id, team.users.interviewer2!.id]);
    // The trainee may shadow (shadow level on coding); interviewer interviews round 1, so not round 0.
    const shadowIds = (index: number) => options[index]!.shadows.items.map((item) => item.user.id);
    expect(shadowIds(0)).toEqual(expect.arrayContaining([team.users.trainee!.id, team.users.interviewer2!.id]));
    expect(shadowIds(0)).not.toContain(team.users.interviewer!.id);
    expect(options[0]!.shadows.excluded.find((item) => item.user.id === team.users.interviewer!.id)?.reasons).toEqual(['INTERVIEWER_ALREADY_IN_LOOP']);
  });

  it('reads the options of 3 and of 9 rounds in the same number of statements', async () => {
    const counts: number[] = [];
    for (const count of [3, 9]) {
      const loop = await loopOf(count);
      for (let index = 0; index < count; index += 2) await patchRound(admin, loop, index, timeSlot(BASE, 2, 8 + index)).expect(200);
      const statements = await statementsDuring(() => rounds.optionsForLoop(actorOf(team, team.users.recruiter!), loop.id));
      counts.push(statements.length);
    }
    expect(counts[0]).toBeLessThanOrEqual(4);
    expect(counts[1]).toBe(counts[0]);
  });

  it('refuses the options to a hiring manager of another position, as the suggestions route does', async () => {
    const loop = await loopOf(1);
    await expect(rounds.optionsForLoop(actorOf(team, team.users.otherManager!), loop.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('moves a round up and down, leaves the ends alone, audits the new order and refuses a closed loop', async () => {
    const loop = await loopOf(3);
    const [a, b, c] = loop.rounds.map((round) => round.id);
    const actor = actorOf(team, team.users.hiringManager!);
    expect((await rounds.move(actor, loop.id, c!, 'up')).rounds.map((round) => round.id)).toEqual([a, c, b]);
    expect((await rounds.move(actor, loop.id, a!, 'down')).rounds.map((round) => [round.id, round.position])).toEqual([
      [c, 0],
      [a, 1],
      [b, 2],
    ]);
    expect((await rounds.move(actor, loop.id, c!, 'up')).rounds.map((round) => round.id)).toEqual([c, a, b]);
    expect((await rounds.move(actor, loop.id, b!, 'down')).rounds.map((round) => round.id)).toEqual([c, a, b]);
    const actions = await auditActions(testApp, team.organization.id, loop.id);
    expect(actions.filter((action) => action === 'loop.rounds_reordered')).toHaveLength(2);
    await expect(rounds.move(actor, loop.id, team.users.admin!.id, 'up')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rounds.move(actorOf(team, team.users.otherManager!), loop.id, a!, 'up')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await admin.post(`/api/loops/${loop.id}/cancel`).send({ reason: 'Withdrew' }).expect(200);
    await expect(rounds.move(actor, loop.id, a!, 'up')).rejects.toMatchObject({ code: 'LOOP_CLOSED' });
  });

  it('gives each loop’s next round start from now on, in one statement, and none for a loop without one', async () => {
    const soon = await loopOf(3);
    await patchRound(admin, soon, 0, timeSlot(BASE, -3000, 9)).expect(200);
    await patchRound(admin, soon, 1, timeSlot(BASE, 5, 9)).expect(200);
    await patchRound(admin, soon, 2, timeSlot(BASE, 4, 9)).expect(200);
    const none = await loopOf(1);
    let next = new Map<string, Date>();
    const statements = await statementsDuring(async () => {
      next = await loops.nextRoundStarts(team.organization.id, [soon.id, none.id]);
    });
    expect(statements).toHaveLength(1);
    expect(next.get(soon.id)?.toISOString()).toBe(timeSlot(BASE, 4, 9).startsAt);
    expect(next.has(none.id)).toBe(false);
    const otherTeam = await createTeam(testApp, { admin: ['admin'] });
    expect((await loops.nextRoundStarts(otherTeam.organization.id, [soon.id])).size).toBe(0);
  });
});
