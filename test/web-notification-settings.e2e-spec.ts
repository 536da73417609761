import { as, axeViolations, browserSuite, describeViolations, openPage, screenshot, scrollWidth, signIn } from '@loopwright/testing';
import type { Page } from 'playwright-core';

/** A journey through a real browser on a busy machine takes a while; nothing here waits on the clock. */
const JOURNEY_MS = 180_000;

describe('web: notification settings and the admin’s Slack channel (real Chromium)', () => {
  const suite = browserSuite({ team: { admin: ['admin'], recruiter: ['recruiter'] } });
  const submit = (page: Page, name: string) =>
    Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]).then(() => page);
  const checkPage = async (page: Page, name: string): Promise<void> => {
    expect(describeViolations(await axeViolations(page))).toBe('');
    await screenshot(page, name);
  };

  it(
    'without JavaScript: a recruiter finds Notifications in the header and turns the daily digest off; their own reminders stay on',
    async () => {
      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
      await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Notifications', exact: true }).click()]);
      expect(new URL(page.url()).pathname).toBe('/app/settings/notifications');
      const own = page.getByRole('checkbox', { name: 'Reminders of my own scorecards' });
      await expect(own.isChecked()).resolves.toBe(true);
      await expect(own.isDisabled()).resolves.toBe(true);
      const digest = page.getByRole('checkbox', { name: 'Daily digest of overdue scorecards' });
      await expect(digest.isChecked()).resolves.toBe(true);
      await digest.uncheck();
      await submit(page, 'Save notification settings');
      await expect(page.getByRole('status').innerText()).resolves.toBe('Your notification settings were saved.');
      await expect(page.getByRole('checkbox', { name: 'Daily digest of overdue scorecards' }).isChecked()).resolves.toBe(false);
      const api = (await as(suite.web, suite.team.users.recruiter!).get('/api/me/notification-preferences').expect(200)).body;
      expect(api.preferences).toEqual([
        expect.objectContaining({ kind: 'reminder', enabled: true }),
        expect.objectContaining({ kind: 'reminder-digest', enabled: false }),
      ]);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'an admin sets the Slack webhook (a bad URL refused next to the field), sees it masked, removes it',
    async () => {
      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/admin');
      await page.getByLabel('Slack webhook URL').fill('http://hooks.example.test/services/x');
      await submit(page, 'Save Slack webhook');
      const field = page.getByLabel('Slack webhook URL');
      await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.locator('#slack-webhook-url-error').innerText()).resolves.toContain('Slack webhook URL must be an https:// URL');
      await expect(field.inputValue()).resolves.toBe('');
      await page.getByLabel('Slack webhook URL').fill('https://hooks.slack.com/services/T0SECRET/B0SECRET/abcdEFGH1234');
      await submit(page, 'Save Slack webhook');
      await expect(page.getByRole('status').innerText()).resolves.toBe('The Slack webhook was saved.');
      const html = await page.content();
      expect(html).toContain('https://hooks.slack.com/…1234');
      expect(html).not.toContain('SECRET');
      await submit(page, 'Remove Slack webhook');
      await expect(page.getByRole('status').innerText()).resolves.toBe('The Slack webhook was removed: no channel digest.');
      const settings = (await as(suite.web, suite.team.users.admin!).get('/api/organization/notifications').expect(200)).body;
      expect(settings.slackConfigured).toBe(false);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'both pages are axe-clean and fit 320 px',
    async () => {
      await as(suite.web, suite.team.users.admin!)
        .put('/api/organization/notifications')
        .send({ slackWebhookUrl: 'https://hooks.slack.com/services/T0/B0/wxyz' })
        .expect(200);
      for (const width of [1280, 320]) {
        const { context, page } = await openPage(suite.browser, { width, bypassCSP: true });
        await signIn(page, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/settings/notifications');
        await checkPage(page, `settings-notifications-${width}`);
        expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
        await page.goto(`${suite.web.baseUrl}/app/admin`);
        await checkPage(page, `admin-slack-${width}`);
        expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
        await context.close();
      }
    },
    JOURNEY_MS,
  );
});
