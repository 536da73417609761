import { MailOutbox } from '@loopwright/notifications';
import { zonedTime } from '@loopwright/web';
import {
  as,
  browserSuite,
  DEFAULT_TEAM,
  openAdminSection,
  openPage,
  pageProblems,
  roundFor,
  screenshot,
  scrollWidth,
  signIn,
} from '@loopwright/testing';
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';

const ZONE = 'America/New_York';
const SCRIPT = '<script>alert(1)</script>';

describe('web: the admin outbox and the calendar feed link on My interviews (real Chromium)', () => {
  const suite = browserSuite({ team: DEFAULT_TEAM, other: DEFAULT_TEAM });
  const ids: Record<string, string> = {};

  const enqueue = async (organizationId: string, label: string, text: string): Promise<string> => {
    const [id] = await suite.web.dataSource.transaction((manager) =>
      suite.web.app.get(MailOutbox).enqueue(manager, [
        {
          organizationId,
          kind: 'invite',
          recipient: { userId: null, address: `${label}.${randomUUID().slice(0, 6)}@example.test` },
          subject: `Interview: ${label} with Hedy Lamarr ${SCRIPT}`,
          text,
          html: '<p>html</p>',
          idempotencyKey: `test:${label}:${randomUUID()}`,
        },
      ]),
    );
    return id!;
  };
  /** What the worker would have done to the message. */
  const mark = (id: string, status: string, extra = '') =>
    suite.web.dataSource.query(`UPDATE mail_outbox SET status = $2 ${extra} WHERE id = $1`, [id, status]);

  beforeAll(async () => {
    await as(suite.web, suite.team.users.admin!).patch(`/api/users/${suite.team.users.admin!.id}`).send({ timezone: ZONE }).expect(200);
    ids.held = await enqueue(suite.team.organization.id, 'Held', `Hello Dana,\nYou interview Hedy Lamarr. ${SCRIPT}\nKit: https://hire.example.test/app/rounds/1`);
    await mark(ids.held, 'held');
    ids.failed = await enqueue(suite.team.organization.id, 'Failed', 'text');
    await mark(ids.failed, 'failed', `, attempts = 3, last_error = 'EENVELOPE 550'`);
    ids.sent = await enqueue(suite.team.organization.id, 'Sent', 'the sent text');
    await mark(ids.sent, 'sent', `, attempts = 1, sent_at = now()`);
    ids.foreign = await enqueue(suite.other.organization.id, 'Foreign', 'another organization');
    await roundFor(suite.web, suite.team, { interviewerKey: 'interviewer', candidateName: 'Ada Feed', startsAt: new Date(Date.now() + 50 * 3_600_000) });
  }, 120_000);

  const checkAccessible = async (page: Page, name: string): Promise<void> => {
    expect(await pageProblems(page, name, 1280)).toEqual([]);
    await screenshot(page, `${name}-1280`);
  };
  const checkNarrow = async (path: string, name: string, userKey = 'admin'): Promise<void> => {
    const { context, page } = await openPage(suite.browser, { width: 320 });
    await signIn(page, suite.web.baseUrl, suite.team.users[userKey]!, undefined, `/login?next=${encodeURIComponent(path)}`);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await screenshot(page, `${name}-320`);
    await context.close();
  };

  it('lists the organization\'s mail newest first with status, attempts, last error and times in my zone; axe finds nothing', async () => {
    const { context, page } = await openAdminSection(suite, 'Outbox', '/app/admin/outbox');
    const subjects = await page.locator('tbody th').allInnerTexts();
    expect(subjects).toEqual([`Interview: Sent with Hedy Lamarr ${SCRIPT}`, `Interview: Failed with Hedy Lamarr ${SCRIPT}`, `Interview: Held with Hedy Lamarr ${SCRIPT}`]);
    const failedRow = await page.locator('tr', { hasText: 'Failed with' }).innerText();
    expect(failedRow).toContain('EENVELOPE 550');
    expect(failedRow).toMatch(/\b3\b/);
    const [row] = await suite.web.dataSource.query<{ created_at: Date }[]>('SELECT created_at FROM mail_outbox WHERE id = $1', [ids.sent]);
    await expect(page.locator('tr', { hasText: 'Sent with' }).innerText()).resolves.toContain(zonedTime(row!.created_at, ZONE).text);
    expect(zonedTime(row!.created_at, ZONE).text).toMatch(/ (EST|EDT|GMT-[45])$/);
    await expect(page.getByText('Foreign').count()).resolves.toBe(0);
    // Escaped: the subject is text, no script element came of it.
    await expect(page.locator('main script').count()).resolves.toBe(0);
    await checkAccessible(page, 'outbox');

    await page.getByRole('link', { name: `Interview: Held with Hedy Lamarr ${SCRIPT}` }).click();
    await page.waitForURL((url) => url.pathname === `/app/admin/outbox/${ids.held}`);
    await expect(page.locator('pre.outbox-body').innerText()).resolves.toContain(`You interview Hedy Lamarr. ${SCRIPT}`);
    await checkAccessible(page, 'outbox-message');
    await page.goto(`${suite.web.baseUrl}/app/admin/outbox/${ids.sent}`);
    await expect(page.getByText('the sent text').count()).resolves.toBe(0);
    expect((await page.goto(`${suite.web.baseUrl}/app/admin/outbox/${ids.foreign}`))!.status()).toBe(404);
    expect((await page.goto(`${suite.web.baseUrl}/app/admin/outbox?status=bogus`))!.status()).toBe(400);
    await context.close();
    await checkNarrow('/app/admin/outbox', 'outbox');
    await checkNarrow(`/app/admin/outbox/${ids.held}`, 'outbox-message');
  });

  it('filters by status and pages without JavaScript; a non-admin gets 403 as from the API', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/admin/outbox');
    await page.getByLabel('Status').selectOption('held');
    await Promise.all([page.waitForURL((url) => url.searchParams.get('status') === 'held'), page.getByRole('button', { name: 'Filter' }).click()]);
    await expect(page.locator('tbody th').allInnerTexts()).resolves.toEqual([`Interview: Held with Hedy Lamarr ${SCRIPT}`]);
    await page.goto(`${suite.web.baseUrl}/app/admin/outbox?limit=1`);
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Older messages' }).click();
    await expect(page.locator('tbody th').allInnerTexts()).resolves.toEqual([`Interview: Failed with Hedy Lamarr ${SCRIPT}`]);
    await context.close();

    const { context: second, page: interviewer } = await openPage(suite.browser);
    await signIn(interviewer, suite.web.baseUrl, suite.team.users.interviewer!);
    expect((await interviewer.goto(`${suite.web.baseUrl}/app/admin/outbox`))!.status()).toBe(403);
    expect((await interviewer.goto(`${suite.web.baseUrl}/app/admin/outbox/${ids.held}`))!.status()).toBe(403);
    await second.close();
  });

  it('My interviews makes a calendar link without JavaScript, shows it as webcal:// and https://, and a new one ends the old', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.interviewer!, undefined, '/login?next=/app/interviews');
    await expect(page.getByRole('heading', { name: 'Subscribe in your calendar' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Get a calendar link' }).click();
    const https = await page.getByLabel('Or copy this address into your calendar app').inputValue();
    expect(https).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await expect(page.getByRole('link', { name: 'Subscribe in your calendar app' }).getAttribute('href')).resolves.toBe(https.replace(/^https?:\/\//, 'webcal://'));
    const feed = await suite.web.http().get(new URL(https).pathname).expect(200);
    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getAllSubcomponents('vevent').map((event) => String(event.getFirstPropertyValue('summary')))).toEqual(['Interview: Foundations with Ada Feed']);

    await page.getByRole('button', { name: 'Get a new calendar link' }).click();
    const next = await page.getByLabel('Or copy this address into your calendar app').inputValue();
    expect(next).not.toBe(https);
    await suite.web.http().get(new URL(https).pathname).expect(404);
    await suite.web.http().get(new URL(next).pathname).expect(200);
    await context.close();
  });

  it('the subscribe section is accessible and fits 320 px', async () => {
    const { context, page } = await openPage(suite.browser, { bypassCSP: true });
    await signIn(page, suite.web.baseUrl, suite.team.users.interviewer!, undefined, '/login?next=/app/interviews');
    await page.getByRole('button', { name: 'Get a calendar link' }).click();
    await page.getByLabel('Or copy this address into your calendar app').waitFor();
    await checkAccessible(page, 'interviews-feed');
    await context.close();
    const { context: narrow, page: phone } = await openPage(suite.browser, { width: 320 });
    await signIn(phone, suite.web.baseUrl, suite.team.users.interviewer!, undefined, '/login?next=/app/interviews');
    await phone.getByRole('button', { name: 'Get a calendar link' }).click();
    await phone.getByLabel('Or copy this address into your calendar app').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(320);
    await screenshot(phone, 'interviews-feed-320');
    await narrow.close();
  });
});
