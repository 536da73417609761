import { createTestApp, type TestApp } from '@loopwright/testing';

describe('platform', () => {
  let testApp: TestApp;
  const signalListeners = (): number[] => ['SIGINT', 'SIGTERM'].map((signal) => process.listenerCount(signal));
  let listenersBefore: number[];

  beforeAll(async () => {
    listenersBefore = signalListeners();
    testApp = await createTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('leaves SIGINT and SIGTERM to main.ts: configuring the app adds no signal listeners', () => {
    expect(signalListeners()).toEqual(listenersBefore);
  });

  it('reports health with the database up', async () => {
    const response = await testApp.http().get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up' });
  });

  it('echoes the caller request id, and makes one up otherwise', async () => {
    const echoed = await testApp.http().get('/health').set('x-request-id', 'trace-123');
    expect(echoed.headers['x-request-id']).toBe('trace-123');
    const generated = await testApp.http().get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await testApp.http().get('/health').set('x-request-id', 'bad id with spaces');
    expect(refused.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const response = await testApp.http().get('/api/no-such-route').set('x-request-id', 'req-404').expect(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'NOT_FOUND',
      message: expect.any(String),
      requestId: 'req-404',
    });
  });

  it('answers malformed JSON with 400 BAD_JSON', async () => {
    const response = await testApp
      .http()
      .post('/api/no-such-route')
      .set('content-type', 'application/json')
      .send('{"unterminated": ')
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'BAD_JSON' });
  });

  it('answers a body over 1 MB with 413', async () => {
    const huge = JSON.stringify({ text: 'x'.repeat(1_100_000) });
    const response = await testApp.http().post('/api/no-such-route').set('content-type', 'application/json').send(huge).expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('serves the OpenAPI document with every route', async () => {
    const response = await testApp.http().get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.paths['/health'].get).toBeDefined();
    for (const path of ['/api/auth/login', '/api/me', '/api/users', '/api/users/{id}/qualifications', '/api/audit-events']) {
      expect(response.body.paths).toHaveProperty([path]);
    }
    for (const operations of Object.values(response.body.paths) as Record<string, { responses: Record<string, unknown> }>[]) {
      for (const operation of Object.values(operations)) expect(operation.responses).toHaveProperty('default');
    }
    expect(response.body.components.schemas.ErrorResponseDto.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message']));
    const ui = await testApp.http().get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });
});
