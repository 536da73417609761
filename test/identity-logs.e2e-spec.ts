import { as, createTeam, createLoggedTestApp, type LoggedTestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

describe('request logs', () => {
  let testApp: LoggedTestApp;
  let team: TestTeam;

  beforeAll(async () => {
    testApp = await createLoggedTestApp('info');
    team = await createTeam(testApp, { admin: ['admin'] });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('logs the route template and the query parameter names, never their values', async () => {
    const marker = randomUUID();
    await as(testApp, team.users.admin!).get(`/api/questions?q=Jane+Doe&access_token=secret-${marker}&limit=5`).expect(400); // unknown query parameters are refused, and still logged
    await as(testApp, team.users.admin!).get('/api/questions?q=Jane+Doe&limit=5').expect(200);
    await as(testApp, team.users.admin!).get(`/api/users/${team.users.admin!.id}?q=Jane+Doe`);
    const logged = testApp.lines.join('\n');
    expect(logged).not.toContain('Jane');
    expect(logged).not.toContain(`secret-${marker}`);
    expect(logged).not.toContain(team.users.admin!.token);
    const entries = testApp.lines.map((line) => JSON.parse(line) as { req?: { route: string; url: string } });
    const requests = entries.filter((entry) => entry.req).map((entry) => entry.req!);
    expect(requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: '/api/questions', url: '/api/questions?q=[redacted]&access_token=[redacted]&limit=5' }),
        expect.objectContaining({ route: '/api/questions', url: '/api/questions?q=[redacted]&limit=5' }),
        expect.objectContaining({ route: '/api/users/:id', url: '/api/users/:id?q=[redacted]' }),
      ]),
    );
  });
});
