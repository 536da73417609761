import { as, createCandidate, createLoop, createPosition, DEFAULT_TEAM, teamSuite } from '@loopwright/testing';

/** Issue 11, input handling: each class of bad input that answered 500 (or worse) is a 4xx, refused at the root. */
describe('hardening: bad input is a 4xx', () => {
  const suite = teamSuite(DEFAULT_TEAM);

  const cursor = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString('base64url');
  const fieldsOf = (body: { details?: { fields?: { field: string }[] } }): string[] => (body.details?.fields ?? []).map((field) => field.field);
  const rawJson = (method: 'post' | 'patch' | 'put', url: string, text: string, token?: string) => {
    const call = suite.testApp.http()[method](url).set('Content-Type', 'application/json');
    return (token ? call.set('Authorization', `Bearer ${token}`) : call).send(text);
  };

  describe('deeply nested JSON', () => {
    it('answers 400 BAD_JSON to 1 MB of nested arrays, several at once, while /health answers', async () => {
      const deep = '['.repeat(1_000_000);
      const responses = await Promise.all([
        ...Array.from({ length: 4 }, () => rawJson('post', '/api/auth/login', deep)),
        suite.testApp.http().get('/health'),
      ]);
      const health = responses.pop()!;
      expect(health.status).toBe(200);
      for (const response of responses) expect(response.body).toMatchObject({ statusCode: 400, code: 'BAD_JSON' });
    });

    it('refuses 33 levels of objects but parses 32 (which then fails validation by name)', async () => {
      const nest = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
      const tooDeep = await rawJson('post', '/api/auth/login', nest(33));
      expect(tooDeep.body).toMatchObject({ statusCode: 400, code: 'BAD_JSON' });
      const deepEnough = await rawJson('post', '/api/auth/login', nest(32));
      expect(deepEnough.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    });

    it('does not count brackets inside strings', async () => {
      const response = await rawJson('post', '/api/auth/login', JSON.stringify({ email: '[{'.repeat(100) + '\\"', password: 'x' }));
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['email']);
    });

    it('answers 413 to a body over 1 MB', async () => {
      const response = await rawJson('post', '/api/auth/login', JSON.stringify({ email: 'x'.repeat(1_100_000) }));
      expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    });
  });

  describe('strings PostgreSQL refuses', () => {
    it('names a NUL byte anywhere in a JSON body by its path', async () => {
      const response = await as(suite.testApp, suite.team.users.admin!)
        .post('/api/users')
        .send({ email: 'a@example.test', name: 'ok', roles: ['interviewer'], extra: { ratings: [{ notes: 'x\u0000y' }] } });
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['extra.ratings.0.notes']);
    });

    it('refuses lone surrogates in login credentials', async () => {
      const email = await rawJson('post', '/api/auth/login', '{"email":"a\\ud800@example.test","password":"secret-secret"}');
      expect(email.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(email.body)).toEqual(['email']);
      const password = await rawJson('post', '/api/auth/login', '{"email":"a@example.test","password":"\\udc00"}');
      expect(fieldsOf(password.body)).toEqual(['password']);
      const pair = await rawJson('post', '/api/auth/login', '{"email":"a@example.test","password":"\\ud83d\\ude00-long-enough"}');
      expect(pair.status).toBe(401);
    });

    it('names a NUL in a query value (percent-encoded lone surrogates decode to U+FFFD, which is fine)', async () => {
      const nul = await as(suite.testApp, suite.team.users.admin!).get('/api/candidates?q=a%00b');
      expect(nul.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(nul.body)).toEqual(['q']);
      const search = await as(suite.testApp, suite.team.users.admin!).get('/api/questions?tag=ok&q=%00');
      expect(search.status).toBe(400);
      expect(fieldsOf(search.body)).toEqual(['q']);
    });

    it('refuses a NUL in a key of a body array item', async () => {
      const response = await rawJson('put', `/api/users/${suite.team.users.interviewer!.id}/qualifications`, '[{"pillarId":"x","a\\u0000":1}]', suite.team.users.admin!.token);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['0.a\\u0000']);
    });
  });

  describe('null for a field that cannot be null', () => {
    it.each(['name', 'active', 'password', 'timezone', 'roles'])('PATCH /api/users/:id {"%s": null} is 400 naming it', async (field) => {
      const response = await as(suite.testApp, suite.team.users.admin!).patch(`/api/users/${suite.team.users.interviewer!.id}`).send({ [field]: null });
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual([field]);
    });

    it('keeps the roles of the last admin on {"roles": null}', async () => {
      const admin = suite.team.users.admin!;
      const response = await as(suite.testApp, admin).patch(`/api/users/${admin.id}`).send({ roles: null });
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      const [{ roles }] = await suite.testApp.dataSource.query('SELECT roles FROM users WHERE id = $1', [admin.id]);
      expect(roles).toEqual(['admin']);
      await as(suite.testApp, admin).get('/api/users').expect(200);
    });

    it.each(['null', '[]', '1', '"x"'])('refuses a PATCH body that is %s instead of an object', async (text) => {
      const response = await rawJson('patch', `/api/users/${suite.team.users.interviewer!.id}`, text, suite.team.users.admin!.token);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['body']);
    });

    it('still clears weeklyInterviewLimit with null', async () => {
      const user = suite.team.users.interviewer2!;
      const response = await as(suite.testApp, suite.team.users.admin!).patch(`/api/users/${user.id}`).send({ weeklyInterviewLimit: null }).expect(200);
      expect(response.body.weeklyInterviewLimit).toBeNull();
    });

    it('refuses null names on other update DTOs', async () => {
      const [pillar] = await suite.testApp.dataSource.query('SELECT id FROM pillars WHERE organization_id = $1 LIMIT 1', [suite.team.organization.id]);
      const response = await as(suite.testApp, suite.team.users.admin!).patch(`/api/pillars/${pillar.id}`).send({ name: null });
      expect(fieldsOf(response.body)).toEqual(['name']);
    });

    it('makes update DTOs from create DTOs that refuse null and unknown fields, and clear a nullable field with null', async () => {
      const admin = as(suite.testApp, suite.team.users.admin!);
      const [{ id: questionId, pillar_id: pillarId }] = await suite.testApp.dataSource.query('SELECT id, pillar_id FROM questions WHERE organization_id = $1 LIMIT 1', [
        suite.team.organization.id,
      ]);
      const positionId = await createPosition(admin, { title: 'Null checks', roleFamily: 'other', level: 'senior', hiringManagerId: suite.team.users.hiringManager!.id });
      const candidateId = await createCandidate(admin, { name: 'Null Checks', phone: '555-0100' });
      const loop = await createLoop(admin, { candidateId, positionId });
      const rounds = (await admin.post(`/api/loops/${loop.id}/rounds`).send({ title: 'Only round', pillarIds: [pillarId], questionCount: 0 }).expect(201)).body.rounds;
      const roundUrl = `/api/loops/${loop.id}/rounds/${rounds[0].id}`;
      const refused: [string, Record<string, unknown>, string][] = [
        [`/api/questions/${questionId}`, { title: null }, 'title'],
        [`/api/questions/${questionId}`, { rubric: null }, 'rubric'],
        [`/api/positions/${positionId}`, { level: null }, 'level'],
        [`/api/positions/${positionId}`, { status: null }, 'status'],
        [`/api/candidates/${candidateId}`, { name: null }, 'name'],
        [roundUrl, { pillarIds: null }, 'pillarIds'],
        // Not a field of the update, though the create has it.
        [roundUrl, { questionCount: 1 }, 'questionCount'],
        [`/api/candidates/${candidateId}`, { salary: 1 }, 'salary'],
      ];
      for (const [url, body, field] of refused) {
        const response = await admin.patch(url).send(body);
        expect({ url, body, status: response.status, fields: fieldsOf(response.body) }).toEqual({ url, body, status: 400, fields: [field] });
      }
      const cleared = await admin.patch(`/api/candidates/${candidateId}`).send({ phone: null }).expect(200);
      expect(cleared.body).toMatchObject({ name: 'Null Checks', phone: null });
      expect((await admin.patch(roundUrl).send({ startsAt: null, title: 'Renamed' }).expect(200)).body.rounds[0]).toMatchObject({ title: 'Renamed', startsAt: null });
    });
  });

  describe('forged cursors', () => {
    const forged: [string, unknown][] = [
      ['/api/candidates', { createdAt: 5, id: 'x' }],
      ['/api/positions', { createdAt: 'yesterday', id: '00000000-0000-0000-0000-000000000000' }],
      ['/api/loops', { createdAt: '2026-01-01T00:00:00.000Z', id: 'not-a-uuid' }],
      ['/api/users', { name: { $ne: 1 }, id: '00000000-0000-0000-0000-000000000000' }],
      ['/api/audit-events', { at: '2026-13-45T99:00:00Z', id: '00000000-0000-0000-0000-000000000000' }],
      ['/api/me/assignments', { bucket: 1e15, sortKey: 1, id: '00000000-0000-0000-0000-000000000000' }],
      ['/api/questions', { createdAt: [], id: '00000000-0000-0000-0000-000000000000' }],
      ['/api/loop-templates', ['name', 'id']],
      ['/api/packet-templates', { name: 'a\u0000', id: '00000000-0000-0000-0000-000000000000' }],
    ];
    it.each(forged)('GET %s with a cursor of the wrong value types is 400 naming cursor', async (url, key) => {
      const user = url === '/api/me/assignments' ? suite.team.users.interviewer! : suite.team.users.admin!;
      const response = await as(suite.testApp, user).get(`${url}?cursor=${cursor(key)}`);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['cursor']);
    });

    it('still accepts the cursors a list returns', async () => {
      const first = await as(suite.testApp, suite.team.users.admin!).get('/api/users?limit=2').expect(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      await as(suite.testApp, suite.team.users.admin!).get(`/api/users?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    });
  });

  describe('content types', () => {
    it.each(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream'])('POST /api/auth/login as %s is 4xx', async (type) => {
      const response = await suite.testApp.http().post('/api/auth/login').set('Content-Type', type).send('email=a&password=b');
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    });

    it('answers 415 to JSON in another charset than UTF-8', async () => {
      const response = await suite.testApp.http().post('/api/auth/login').set('Content-Type', 'application/json; charset=utf-16').send('{"email":"a@example.test","password":"x"}');
      expect(response.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      await suite.testApp.http().post('/api/auth/login').set('Content-Type', 'application/json; charset=UTF-8').send('{"email":"a@example.test","password":"x"}').expect(401);
    });

    it('treats an empty JSON body and a form body as bad input', async () => {
      const empty = await rawJson('post', '/api/auth/login', '');
      expect(empty.status).toBe(400);
      const form = await suite.testApp.http().post('/api/auth/login').type('form').send('email=a%00&password=b');
      expect(form.status).toBe(400);
    });
  });
});
