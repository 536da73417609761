import { as, createTeam, createTestApp, type TestApp, type TestTeam } from '@loopwright/testing';

describe('security headers', () => {
  let testApp: TestApp;
  let team: TestTeam;

  beforeAll(async () => {
    testApp = await createTestApp();
    team = await createTeam(testApp, { admin: ['admin'] });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('sends nosniff, a referrer policy, a CSP and no-store on API responses, errors included', async () => {
    for (const response of [await as(testApp, team.users.admin!).get('/api/me').expect(200), await testApp.http().get('/api/me').expect(401)]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('sends HSTS only when the request came over HTTPS', async () => {
    const plain = await testApp.http().get('/health').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const viaProxy = await testApp.http().get('/health').set('X-Forwarded-Proto', 'https').expect(200);
    expect(viaProxy.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(viaProxy.headers['cache-control']).not.toBe('no-store');
  });

  it('serves Swagger UI at /docs with a CSP that allows its own scripts', async () => {
    const page = await testApp.http().get('/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger-ui-bundle.js');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const script = await testApp.http().get('/docs/swagger-ui-init.js').expect(200);
    expect(script.text).toContain('SwaggerUIBundle');
    await testApp.http().get('/docs-json').expect(200);
  });
});
