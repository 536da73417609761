import { as, createCandidateLoop, createPosition, createTeam, createTestApp, templatesByName, type TestApp, type TestTeam } from '@loopwright/testing';
import { PACKET_CONTENT_SECURITY_POLICY } from '@loopwright/packets';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Hostile custom templates: too costly to check, or with their own scripts. */
describe('packets: hostile templates and response headers', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let loopId: string;

  const admin = () => as(testApp, team.users.admin!);
  const nestedIfs = (depth: number): string => `${'{{#if candidate.name}}x'.repeat(depth)}${'{{/if}}'.repeat(depth)}`;
  /** `{{#if (eq (eq (eq candidate.name "x") true) true)}}`, `depth` subexpressions deep. */
  const nestedEqs = (depth: number): string => `{{#if ${'(eq '.repeat(depth)}candidate.name "x")${' true)'.repeat(depth - 1)}}}x{{/if}}`;
  const scripted = '<h1>{{candidate.name}}</h1><script>document.title = "pwned"</script>';

  beforeAll(async () => {
    testApp = await createTestApp();
    team = await createTeam(testApp, { admin: ['admin'], hiringManager: ['hiring_manager'] });
    const positionId = await createPosition(as(testApp, team.users.hiringManager!), { title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior' });
    const templateId = (await templatesByName(admin()))['AI Engineer onsite']!.id;
    loopId = (await createCandidateLoop(admin(), { name: 'Ada Lovelace' }, { positionId, templateId })).id;
  });

  afterAll(async () => {
    await testApp.close();
  });

  describe('templates too costly to check', () => {
    it('refuses 5,000 nested blocks with 400 TEMPLATE_INVALID at the 65th, while other requests are answered', async () => {
      const [upload, health] = await Promise.all([
        admin().post('/api/packet-templates').send({ name: 'Deep', format: 'html', source: `<p>deep</p>\n${nestedIfs(5_000)}` }),
        testApp.http().get('/health'),
      ]);
      expect(health.status).toBe(200);
      expect(upload.status).toBe(400);
      expect(upload.body).toMatchObject({ code: 'TEMPLATE_INVALID', details: { line: 2, column: 64 * 23 + 1, problem: 'blocks are nested more than 64 deep' } });
    });

    it('refuses deeply nested subexpressions with 400 on upload, on edit and on preview of a stored one', async () => {
      const upload = await admin().post('/api/packet-templates').send({ name: 'Deep eq', format: 'html', source: nestedEqs(5_000) }).expect(400);
      expect(upload.body).toMatchObject({ code: 'TEMPLATE_INVALID', details: { line: 1, problem: 'subexpressions are nested more than 64 deep' } });

      const created = await admin().post('/api/packet-templates').send({ name: 'Shallow', format: 'html', source: nestedEqs(3) }).expect(201);
      const edit = await admin().put(`/api/packet-templates/${created.body.id}`).send({ source: nestedEqs(5_000) }).expect(400);
      expect(edit.body.code).toBe('TEMPLATE_INVALID');
      expect((await admin().get(`/api/packet-templates/${created.body.id}`).expect(200)).body.version).toBe(1);

      // A template stored before these limits (written straight to the table) is refused when rendered, too.
      await testApp.dataSource.query('UPDATE packet_template_versions SET source = $1 WHERE template_id = $2', [nestedEqs(5_000), created.body.id]);
      const preview = await admin().post(`/api/packet-templates/${created.body.id}/preview`).send({}).expect(400);
      expect(preview.body).toMatchObject({ code: 'TEMPLATE_INVALID', details: { problem: 'subexpressions are nested more than 64 deep' } });
      const packet = await admin().get(`/api/loops/${loopId}/packet?format=html&templateId=${created.body.id}`).expect(400);
      expect(packet.body.code).toBe('TEMPLATE_INVALID');
    });
  });

  describe('headers', () => {
    it('sends packets and previews with a script-free policy, never cached', async () => {
      for (const format of ['html', 'markdown']) {
        const response = await admin().get(`/api/loops/${loopId}/packet?format=${format}`).expect(200);
        expect(response.headers['content-security-policy']).toBe(PACKET_CONTENT_SECURITY_POLICY);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      }
      expect(PACKET_CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:;.*; sandbox$/);
      expect(PACKET_CONTENT_SECURITY_POLICY).not.toContain('script-src');

      const template = await admin().post('/api/packet-templates').send({ name: 'Scripted', format: 'html', source: scripted }).expect(201);
      const preview = await admin().post(`/api/packet-templates/${template.body.id}/preview`).send({ loopId }).expect(200);
      expect(preview.headers['content-security-policy']).toBe(PACKET_CONTENT_SECURITY_POLICY);
      expect(preview.headers['cache-control']).toBe('no-store');
    });

    it('sends PDF packets and exports never cached', async () => {
      const pdf = await admin().get(`/api/loops/${loopId}/packet?format=pdf`).expect(200);
      expect(pdf.headers['cache-control']).toBe('no-store');
      const created = await admin().post('/api/exports').send({ loopIds: [loopId], format: 'html' }).expect(202);
      expect(created.headers['cache-control']).toBe('no-store');
      const status = await admin().get(`/api/exports/${created.body.id}`).expect(200);
      expect(status.headers['cache-control']).toBe('no-store');
    });
  });

  describe('in a browser', () => {
    const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

    it("does not run a custom template's own script (and would without the policy)", async () => {
      expect(existsSync(chromiumPath)).toBe(true);
      const template = await admin().post('/api/packet-templates').send({ name: 'Scripted packet', format: 'html', source: scripted }).expect(201);
      const packet = await admin().get(`/api/loops/${loopId}/packet?format=html&templateId=${template.body.id}`).expect(200);
      expect(packet.text).toContain('<script>document.title = "pwned"</script>');
      const headers = Object.fromEntries(
        Object.entries(packet.headers as Record<string, string>).filter(([name]) => ['content-type', 'content-security-policy', 'cache-control'].includes(name)),
      );

      const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'], headless: true });
      try {
        const page = await browser.newPage();
        // The page is served with the API's own headers; the same body without the policy is the control.
        await page.route('http://packet.test/**', (route) => {
          const withPolicy = !route.request().url().endsWith('/unprotected');
          const served = withPolicy ? headers : { 'content-type': headers['content-type'] };
          return route.fulfill({ status: 200, headers: served, body: packet.text });
        });
        await page.goto('http://packet.test/packet', { waitUntil: 'load' });
        expect(await page.locator('h1').textContent()).toBe('Ada Lovelace');
        expect(await page.title()).toBe('');

        await page.goto('http://packet.test/unprotected', { waitUntil: 'load' });
        expect(await page.title()).toBe('pwned');
      } finally {
        await browser.close();
      }
    });
  });
});
