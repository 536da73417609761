import { readExamplePacket } from '@loopwright/packets';
import { as, auditActions, teamSuite } from '@loopwright/testing';

describe('packets: custom templates', () => {
  const suite = teamSuite({ admin: ['admin'], hiringManager: ['hiring_manager'], recruiter: ['recruiter'] }, { other: { admin: ['admin'] } });

  const admin = () => as(suite.testApp, suite.team.users.admin!);
  const simple = '<h1>{{candidate.name}}</h1>\n{{#each rounds}}<h2>{{title}}</h2>{{/each}}';

  it('stores a valid template as version 1, renders its preview, and audits it', async () => {
    const created = await admin().post('/api/packet-templates').send({ name: 'Short packet', format: 'html', source: simple }).expect(201);
    expect(created.body).toMatchObject({ name: 'Short packet', format: 'html', version: 1, source: simple, authorId: suite.team.users.admin!.id });

    const preview = await admin().post(`/api/packet-templates/${created.body.id}/preview`).send({}).expect(200);
    expect(preview.headers['content-type']).toMatch(/^text\/html/);
    expect(preview.text).toMatch(/^<h1>[^<]+<\/h1>/);
    expect(preview.text).toContain('<h2>');
    expect(await auditActions(suite.testApp, suite.team.organization.id, created.body.id)).toEqual(['packet_template.created']);
  });

  it('refuses a template that does not compile, with line and column, and stores nothing', async () => {
    const before = await admin().get('/api/packet-templates?limit=200').expect(200);
    const response = await admin()
      .post('/api/packet-templates')
      .send({ name: 'Broken', format: 'html', source: '<p>ok</p>\n<p>{{#each rounds}}{{title}}</p>' })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'TEMPLATE_INVALID', details: { line: expect.any(Number), column: expect.any(Number) } });
    const after = await admin().get('/api/packet-templates?limit=200').expect(200);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it.each([
    ['prototype access', '{{constructor}}'],
    ['__proto__', '{{candidate.__proto__}}'],
    ['lookup', '{{lookup candidate "constructor"}}'],
    ['an unknown field', '{{candidate.salary}}'],
    ['unescaped output', '{{{candidate.name}}}'],
    ['an unknown partial', '{{> secrets}}'],
  ])('refuses %s at upload', async (_name, source) => {
    const response = await admin().post('/api/packet-templates').send({ name: 'Hostile', format: 'html', source }).expect(400);
    expect(response.body.code).toBe('TEMPLATE_INVALID');
    expect(response.body.details.line).toBe(1);
  });

  it('keeps versions: a new source is version 2, a stale version is refused with the current state', async () => {
    const created = await admin().post('/api/packet-templates').send({ name: 'Versioned', format: 'markdown', source: '# {{candidate.name}}' }).expect(201);
    const renamed = await admin().put(`/api/packet-templates/${created.body.id}`).send({ name: 'Versioned packet', version: 1 }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Versioned packet', version: 1 });
    const edited = await admin().put(`/api/packet-templates/${created.body.id}`).send({ source: '# {{candidate.name}} ({{position.title}})', version: 1 }).expect(200);
    expect(edited.body.version).toBe(2);
    const stale = await admin().put(`/api/packet-templates/${created.body.id}`).send({ source: '# {{candidate.name}}!', version: 1 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', details: { current: { version: 2 } } });
    const invalid = await admin().put(`/api/packet-templates/${created.body.id}`).send({ source: '{{nope}}' }).expect(400);
    expect(invalid.body.code).toBe('TEMPLATE_INVALID');
    const stored: { number: number }[] = await suite.testApp.dataSource.query('SELECT number FROM packet_template_versions WHERE template_id = $1 ORDER BY number', [created.body.id]);
    expect(stored.map((row) => row.number)).toEqual([1, 2]);
  });

  it('deletes a template: it is gone from the list and from reads', async () => {
    const created = await admin().post('/api/packet-templates').send({ name: 'Temporary', format: 'html', source: '<p>{{candidate.name}}</p>' }).expect(201);
    await admin().delete(`/api/packet-templates/${created.body.id}`).expect(204);
    await admin().get(`/api/packet-templates/${created.body.id}`).expect(404);
    await admin().delete(`/api/packet-templates/${created.body.id}`).expect(404);
    const list = await admin().get('/api/packet-templates?limit=200').expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(created.body.id);
  });

  it('documents the view model', async () => {
    const response = await admin().get('/api/packet-templates/view-model').expect(200);
    expect(JSON.stringify(response.body.fields)).toContain('candidate.name');
    expect(response.body.example).toEqual(readExamplePacket());
  });

  it('is for admins only, and another organization sees none of it', async () => {
    const created = await admin().post('/api/packet-templates').send({ name: 'Private', format: 'html', source: '<p>{{candidate.name}}</p>' }).expect(201);
    for (const role of ['hiringManager', 'recruiter']) {
      await as(suite.testApp, suite.team.users[role]!).get('/api/packet-templates').expect(403);
      await as(suite.testApp, suite.team.users[role]!).post('/api/packet-templates').send({ name: 'x', format: 'html', source: 'x' }).expect(403);
    }
    await as(suite.testApp, suite.other.users.admin!).get(`/api/packet-templates/${created.body.id}`).expect(404);
    await as(suite.testApp, suite.other.users.admin!).put(`/api/packet-templates/${created.body.id}`).send({ name: 'Taken' }).expect(404);
    await as(suite.testApp, suite.other.users.admin!).post(`/api/packet-templates/${created.body.id}/preview`).send({}).expect(404);
    const list = await as(suite.testApp, suite.other.users.admin!).get('/api/packet-templates').expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('rejects unknown fields and a bad format, naming them', async () => {
    const response = await admin().post('/api/packet-templates').send({ name: 'x', format: 'docx', source: 'x', owner: 'me' }).expect(400);
    expect(response.body.details.fields.map((field: { field: string }) => field.field).sort()).toEqual(['format', 'owner']);
  });
});
