import { EnvironmentError, parseEnvironment } from './environment.js';

/** What parseEnvironment lists in the one error it throws for `source`. */
function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnvironment(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentError);
    return (error as EnvironmentError).problems;
  }
  throw new Error('parseEnvironment took it');
}

describe('parseEnvironment', () => {
  it('applies defaults and converts types', () => {
    const environment = parseEnvironment({ PORT: '8080', MIGRATE_ON_START: 'false', ALLOW_SIGNUP: '1' });
    expect(environment).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      MIGRATE_ON_START: false,
      ALLOW_SIGNUP: true,
      LOG_LEVEL: 'info',
      BOOTSTRAP_ORG_NAME: 'My Team',
    });
  });

  it('treats empty variables as unset', () => {
    expect(parseEnvironment({ DATABASE_URL: '', LOG_LEVEL: '' })).toMatchObject({ LOG_LEVEL: 'info' });
    expect(parseEnvironment({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('lists every bad variable in one error, without showing secrets', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      BOOTSTRAP_ADMIN_EMAIL: 'ops@example.test',
      BOOTSTRAP_ADMIN_PASSWORD: 'short',
    }).join('\n');
    for (const variable of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'BOOTSTRAP_ADMIN_PASSWORD']) expect(problems).toContain(variable);
    expect(problems).not.toContain('short');
  });

  it('refuses whole numbers out of their range and flags that say neither yes nor no; takes the bounds themselves', () => {
    const problems = problemsOf({ EMBEDDED_POSTGRES_PORT: '80', RATE_LIMIT_ANONYMOUS: '0', EXPORT_TTL_DAYS: '3651', DATABASE_POOL_SIZE: '2.5', SEED_DEMO: 'maybe' });
    const variables = problems.map((problem) => problem.split('=')[0]);
    expect(variables.sort()).toEqual(['DATABASE_POOL_SIZE', 'EMBEDDED_POSTGRES_PORT', 'EXPORT_TTL_DAYS', 'RATE_LIMIT_ANONYMOUS', 'SEED_DEMO']);
    expect(parseEnvironment({ EMBEDDED_POSTGRES_PORT: '65535', RATE_LIMIT_ANONYMOUS: '1', EXPORT_TTL_DAYS: '3650', SEED_DEMO: 'YES' })).toMatchObject({
      EMBEDDED_POSTGRES_PORT: 65535,
      RATE_LIMIT_ANONYMOUS: 1,
      EXPORT_TTL_DAYS: 3650,
      SEED_DEMO: true,
    });
  });

  it('requires a password with a bootstrap admin email', () => {
    expect(() => parseEnvironment({ BOOTSTRAP_ADMIN_EMAIL: 'ops@example.test' })).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
  });

  it('takes mail settings: an smtp(s) URL (never shown back), a sender with or without a name, a public URL', () => {
    expect(parseEnvironment({ SMTP_URL: 'smtps://u:p@mail.example.test:465', MAIL_FROM: 'hiring@example.test', PUBLIC_URL: 'https://hire.example.test/' })).toMatchObject({
      SMTP_URL: 'smtps://u:p@mail.example.test:465',
      MAIL_FROM: 'hiring@example.test',
      PUBLIC_URL: 'https://hire.example.test/',
    });
    expect(parseEnvironment({})).toMatchObject({ PUBLIC_URL: 'http://127.0.0.1:3000', MAIL_FROM: 'Loopwright <loopwright@localhost>' });
    expect(parseEnvironment({}).SMTP_URL).toBeUndefined();
    const problems = problemsOf({
      SMTP_URL: 'http://secret-password@mail.example.test',
      MAIL_FROM: 'not an address',
      PUBLIC_URL: 'hire.example.test',
      MAIL_RETRY_FIRST_SECONDS: '600',
      MAIL_RETRY_MAX_SECONDS: '60',
    });
    expect(problems.map((problem) => problem.split(/[=:]/)[0]).sort()).toEqual(['MAIL_FROM', 'MAIL_RETRY_MAX_SECONDS', 'PUBLIC_URL', 'SMTP_URL']);
    expect(problems.join('\n')).not.toContain('secret-password');
  });

  it('trusts proxies on loopback by default; takes none, addresses, CIDR ranges and the named ranges; refuses anything else', () => {
    expect(parseEnvironment({}).TRUST_PROXY).toBe('loopback');
    for (const good of ['none', 'uniquelocal', '10.0.0.0/8, 192.0.2.7', 'loopback,::1,fd00::/8'])
      expect(parseEnvironment({ TRUST_PROXY: good }).TRUST_PROXY).toBe(good);
    for (const bad of ['true', 'everyone', '10.0.0.0/8;', 'none,loopback'])
      expect(problemsOf({ TRUST_PROXY: bad }).map((problem) => problem.split('=')[0])).toEqual(['TRUST_PROXY']);
  });

  it('takes the reminder scan interval in whole seconds from 1 to 3600, 60 by default', () => {
    expect(parseEnvironment({}).REMINDER_SCAN_SECONDS).toBe(60);
    expect(parseEnvironment({ REMINDER_SCAN_SECONDS: '5' }).REMINDER_SCAN_SECONDS).toBe(5);
    for (const bad of ['0', '3601', '1.5', 'soon']) expect(problemsOf({ REMINDER_SCAN_SECONDS: bad }).map((problem) => problem.split('=')[0])).toEqual(['REMINDER_SCAN_SECONDS']);
  });
});
