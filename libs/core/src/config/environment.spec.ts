import { EnvironmentError, parseEnvironment } from './environment.js';

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
    let error: unknown;
    try {
      parseEnvironment({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        BOOTSTRAP_ADMIN_EMAIL: 'ops@example.test',
        BOOTSTRAP_ADMIN_PASSWORD: 'short',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvironmentError);
    const problems = (error as EnvironmentError).problems.join('\n');
    for (const variable of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'BOOTSTRAP_ADMIN_PASSWORD']) expect(problems).toContain(variable);
    expect(problems).not.toContain('short');
  });

  it('requires a password with a bootstrap admin email', () => {
    expect(() => parseEnvironment({ BOOTSTRAP_ADMIN_EMAIL: 'ops@example.test' })).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
  });
});
