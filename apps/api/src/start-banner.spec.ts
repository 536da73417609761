import { startBanner } from './start-banner.js';

describe('startBanner', () => {
  const base = { url: 'http://127.0.0.1:3000', embeddedPort: undefined, demoLogins: [], hasUsers: true };

  it('lists the web app first, then the API, docs, health and the demo logins', () => {
    const text = startBanner({
      ...base,
      embeddedDataDir: '/srv/lw/.data/postgres',
      demoLogins: [{ email: 'admin@demo.loopwright.test', password: 'loopwright-demo', roles: ['admin'] }],
    });
    expect(text.split('\n').find((line) => line.includes('http'))).toBe('   Web app:   http://127.0.0.1:3000/');
    expect(text).toContain('API:       http://127.0.0.1:3000/api');
    expect(text).toContain('sign in at http://127.0.0.1:3000/login');
    expect(text).toContain('http://127.0.0.1:3000/docs');
    expect(text).toContain('http://127.0.0.1:3000/health');
    expect(text).toMatch(/admin@demo\.loopwright\.test\s+loopwright-demo\s+admin/);
    expect(text).not.toContain('create-admin');
    expect(text.split('\n').length).toBeLessThan(20);
  });

  it('on an empty embedded database says how to create the first admin against the same database', () => {
    const text = startBanner({ ...base, embeddedDataDir: '/srv/lw/.data/postgres', embeddedPort: '54400', hasUsers: false });
    expect(text).toContain(
      'DATA_DIR=/srv/lw/.data EMBEDDED_POSTGRES_PORT=54400 npm run cli -- create-admin --org "My Team" --email you@example.com',
    );
    expect(text).toContain('BOOTSTRAP_ADMIN_EMAIL');
  });

  it('with DATABASE_URL tells the CLI to use the same one', () => {
    const text = startBanner({ ...base, embeddedDataDir: null, hasUsers: false });
    expect(text).toContain('DATABASE_URL=<the same as the API> npm run cli -- create-admin');
    expect(text).toContain('PostgreSQL at DATABASE_URL');
  });
});
