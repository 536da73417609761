import {
  as,
  axeViolations,
  browserSuite,
  createTeam,
  describeViolations,
  openAdminSection,
  openPage,
  roundFor,
  screenshot,
  scrollWidth,
  signIn,
  submitCompleteScorecard,
  type RoundFixture,
} from '@loopwright/testing';

const SCRIPT = '<script>alert(1)</script>';

describe('web: the admin access log (real Chromium)', () => {
  const suite = browserSuite({ team: { admin: ['admin'], hiringManager: ['hiring_manager'], recruiter: ['recruiter'], interviewer: ['interviewer'] } });
  let ada: RoundFixture;
  let grace: RoundFixture;
  const candidateOf = async (loopId: string): Promise<string> => (await as(suite.web, suite.team.users.recruiter!).get(`/api/loops/${loopId}`).expect(200)).body.candidateId;

  beforeAll(async () => {
    const startsAt = new Date(Date.now() - 3 * 3_600_000);
    ada = await roundFor(suite.web, suite.team, { interviewerKey: 'interviewer', candidateName: `Ada Lovelace ${SCRIPT}`, startsAt });
    grace = await roundFor(suite.web, suite.team, { interviewerKey: 'interviewer', candidateName: 'Grace Hopper', startsAt: new Date(startsAt.getTime() - 2 * 3_600_000), positionTitle: 'ML Engineer' });
    await submitCompleteScorecard(suite.web, suite.team, 'interviewer', ada.roundId);
    const recruiter = as(suite.web, suite.team.users.recruiter!);
    await recruiter.get(`/api/loops/${ada.loopId}/packet?format=html`).expect(200);
    await recruiter.get(`/api/candidates/${await candidateOf(grace.loopId)}`).expect(200);
    await as(suite.web, suite.team.users.hiringManager!).get(`/api/loops/${ada.loopId}/summary`).expect(200);
    const other = await createTeam(suite.web, { admin: ['admin'] });
    await as(suite.web, other.users.admin!).get('/api/audit-events').expect(200);
  }, 120_000);

  it('shows who read what, newest first, with names, links and times; filters by candidate without JavaScript; axe finds nothing', async () => {
    const { context, page } = await openAdminSection(suite, 'Access log', '/app/admin/access');
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Debrief summary (API)');
    expect(rows[0]).toContain('HiringManager Tester');
    expect(rows[1]).toContain('Candidate details');
    expect(rows[1]).toContain('Grace Hopper');
    expect(rows[2]).toContain('Packet');
    expect(rows[2]).toContain(`Ada Lovelace ${SCRIPT}`);
    await expect(page.locator('main script').count()).resolves.toBe(0);
    expect(await axeViolations(page).then(describeViolations)).toBe('');
    await screenshot(page, 'admin-access-1280');
    await context.close();

    const { context: plain, page: noScript } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(noScript, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/admin/access');
    await noScript.getByLabel('Candidate').selectOption({ label: 'Grace Hopper' });
    await Promise.all([noScript.waitForURL((url) => url.searchParams.has('candidateId')), noScript.getByRole('button', { name: 'Filter' }).click()]);
    const filtered = await noScript.locator('tbody tr').allInnerTexts();
    expect(filtered).toHaveLength(1);
    expect(filtered[0]).toContain('Grace Hopper');
    await noScript.getByLabel('What').selectOption({ label: 'Packet' });
    await noScript.getByRole('button', { name: 'Filter' }).click();
    await expect(noScript.getByText('No read matches these filters.').count()).resolves.toBe(1);
    await noScript.goto(`${suite.web.baseUrl}/app/admin/access?limit=1`);
    await noScript.getByRole('link', { name: 'Older reads' }).click();
    await expect(noScript.locator('tbody tr').allInnerTexts()).resolves.toEqual([expect.stringContaining('Grace Hopper')]);
    expect((await noScript.goto(`${suite.web.baseUrl}/app/admin/access?candidateId=jane`))!.status()).toBe(400);
    await plain.close();

    const { context: narrow, page: small } = await openPage(suite.browser, { width: 320 });
    await signIn(small, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/admin/access');
    expect(await scrollWidth(small)).toBeLessThanOrEqual(320);
    await screenshot(small, 'admin-access-320');
    await narrow.close();

    const { context: second, page: recruiter } = await openPage(suite.browser);
    await signIn(recruiter, suite.web.baseUrl, suite.team.users.recruiter!);
    expect((await recruiter.goto(`${suite.web.baseUrl}/app/admin/access`))!.status()).toBe(403);
    await second.close();
  });
});
