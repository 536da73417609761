import { DEMO_MEMBERS, DEMO_PASSWORD } from '@loopwright/identity';
import { BootstrapService } from '@loopwright/onboarding';
import { createFreshDatabase, createTestApp } from '@loopwright/testing';

describe('identity: first start', () => {
  afterEach(() => {
    delete process.env.BOOTSTRAP_ADMIN_EMAIL;
    delete process.env.BOOTSTRAP_ADMIN_PASSWORD;
    delete process.env.BOOTSTRAP_ORG_NAME;
    process.env.SEED_DEMO = 'false';
  });

  it('creates the configured organization and admin on an empty database, once', async () => {
    const database = await createFreshDatabase();
    const environment = {
      DATABASE_URL: database,
      BOOTSTRAP_ADMIN_EMAIL: 'Ops@Example.test',
      BOOTSTRAP_ADMIN_PASSWORD: 'bootstrap-secret-1',
      BOOTSTRAP_ORG_NAME: 'Acme Hiring',
    };
    const first = await createTestApp(environment);
    try {
      const login = await first.http().post('/api/auth/login').send({ email: 'ops@example.test', password: 'bootstrap-secret-1' }).expect(200);
      const me = await first.http().get('/api/me').set('Authorization', `Bearer ${login.body.token}`).expect(200);
      expect(me.body).toMatchObject({ organization: { name: 'Acme Hiring' }, roles: expect.arrayContaining(['admin']) });
    } finally {
      await first.close();
    }
    const second = await createTestApp(environment);
    try {
      const [{ n }] = await second.dataSource.query('SELECT count(*)::int AS n FROM organizations');
      expect(n).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('seeds the demo team in demo mode, whose printed logins work', async () => {
    const demo = await createTestApp({ DATABASE_URL: await createFreshDatabase(), SEED_DEMO: 'true' });
    try {
      const logins = demo.app.get(BootstrapService).demoLogins;
      expect(logins.map((login) => login.email)).toEqual(DEMO_MEMBERS.map((member) => member.email));
      for (const role of ['admin', 'hiring_manager', 'recruiter', 'interviewer']) {
        expect(logins.some((login) => login.roles.includes(role))).toBe(true);
      }
      const login = await demo.http().post('/api/auth/login').send({ email: logins[0]!.email, password: DEMO_PASSWORD }).expect(200);
      expect(login.body.user.roles).toEqual(['admin']);
    } finally {
      await demo.close();
    }
  });
});
