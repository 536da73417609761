import { as, createCandidateLoop, createLoopTemplate, createPosition, createTeam, createTestApp, patchRound, pillarIdsByKey, qualify, submitScorecard, type TestApp, type TestTeam, timeSlot } from '@loopwright/testing';

const slot = (hour: number) => timeSlot(Date.UTC(2025, 2, 3), 0, hour);

/** A loop with submitted, amended and shadow scorecards, read back as a packet. */
describe('packets: what a packet shows', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let loopId: string;

  const api = (key: string) => as(testApp, team.users[key]!);
  const user = (key: string): string => team.users[key]!.id;

  const submit = (key: string, roundId: string, pillarId: string, rating: string, summary: string): Promise<void> =>
    submitScorecard(api(key), roundId, { ratings: [{ pillarId, rating, notes: `Evidence from ${key}: <img src=x onerror=alert(1)>` }], recommendation: rating, summary });

  beforeAll(async () => {
    testApp = await createTestApp({ QUERY_COUNTING: 'true' });
    team = await createTeam(testApp, { admin: ['admin'], hiringManager: ['hiring_manager'], grace: ['interviewer'], alan: ['interviewer'], trainee: ['interviewer'] });
    const pillars = await pillarIdsByKey(api('admin'));
    await qualify(api('admin'), pillars, [user('grace'), user('alan')]);
    await qualify(api('admin'), pillars, [user('trainee')], 'shadow');
    const positionId = await createPosition(api('admin'), { title: 'ML Engineer', roleFamily: 'ml_engineer', level: 'staff', hiringManagerId: user('hiringManager') });
    const templateId = (
      await createLoopTemplate(api('admin'), [
        { title: 'Coding', pillarIds: [pillars.coding], questionCount: 1 },
        { title: 'System design', pillarIds: [pillars['system-design']], questionCount: 1 },
      ])
    ).id;
    const loop = await createCandidateLoop(api('admin'), { name: 'Margaret Hamilton' }, { positionId, templateId });
    loopId = loop.id;
    const [coding, design] = loop.rounds;
    await patchRound(api('admin'), loop, 0, { interviewerId: user('grace'), shadowInterviewerIds: [user('trainee')], ...slot(9) }).expect(200);
    await patchRound(api('admin'), loop, 1, { interviewerId: user('alan'), ...slot(11) }).expect(200);
    await submit('grace', coding!.id, pillars.coding!, 'strong_yes', 'Clean, tested code and a clear explanation of complexity.');
    await submit('alan', design!.id, pillars['system-design']!, 'no', 'The design missed caching and never estimated the load.');
    await submit('trainee', coding!.id, pillars.coding!, 'strong_no', 'Shadow view: I would have liked more tests here.');
    await api('alan')
      .post(`/api/rounds/${design!.id}/scorecard/amendments`)
      .send({
        reason: 'Re-read my notes: the load estimate was there',
        recommendation: 'yes',
        ratings: [{ pillarId: pillars['system-design'], rating: 'yes', notes: 'Estimated 2k QPS and sized the cache for it.' }],
        summary: 'Caching was discussed late but correctly; the load estimate was there.',
      })
      .expect(201);
  });

  afterAll(async () => {
    delete process.env.QUERY_COUNTING;
    await testApp.close();
  });

  it('shows submitted scorecards with interviewers, the matrix, amendments and the tally, in a fixed number of statements', async () => {
    const response = await api('hiringManager').get(`/api/loops/${loopId}/packet?format=markdown`).expect(200);
    const text = response.text;
    expect(text).toContain('Margaret Hamilton');
    expect(text).toContain(team.users.grace!.name);
    expect(text).toContain(team.users.alan!.name);
    expect(text).toContain('Strong yes');
    expect(text).toContain('Amended after submission');
    expect(text).toContain('Re-read my notes: the load estimate was there');
    expect(text).toMatch(/\| Practical coding \| Strong yes \| – \| 4\.0 \|/);
    expect(text).not.toContain('Shadow view');
    expect(text).not.toContain('<img');
    // Five to read and render it, one to record the read (an access event).
    expect(Number(response.headers['x-sql-statements'])).toBeLessThanOrEqual(6);
  });

  it('counts an amended recommendation, not the submitted one, and never a shadow’s', async () => {
    const markdown = await api('admin').get(`/api/loops/${loopId}/packet?format=markdown`).expect(200);
    expect(markdown.text).toContain('Recommendations: Strong yes 1, Yes 1, No 0, Strong no 0.');
    const html = await api('admin').get(`/api/loops/${loopId}/packet?format=html`).expect(200);
    expect(html.text).toMatch(/amended/i);
    expect(html.text).not.toMatch(/<img[^>]*onerror/);
  });

  it('shows what the amendment changed, labels instead of stored keys, and rounds that flow', async () => {
    const markdown = (await api('admin').get(`/api/loops/${loopId}/packet?format=markdown`).expect(200)).text;
    expect(markdown).toContain('**Position:** ML Engineer (Staff, ML engineer)');
    expect(markdown).toMatch(/\n {2}- [^\n]*design: No → Yes\n/i);
    expect(markdown).toMatch(
      /\n {2}- [^\n]*design evidence changed:\n {4}- Before: Evidence from alan: &lt;img src&#x3D;x onerror&#x3D;alert\(1\)&gt;\n {4}- After: Estimated 2k QPS and sized the cache for it\.\n/i,
    );
    expect(markdown).toContain('  - Recommendation: No → Yes\n');
    expect(markdown).toContain(
      '  - Summary changed:\n    - Before: The design missed caching and never estimated the load.\n' +
        '    - After: Caching was discussed late but correctly; the load estimate was there.\n',
    );
    const html = (await api('admin').get(`/api/loops/${loopId}/packet?format=html`).expect(200)).text;
    expect(html).toContain('<li>Recommendation: <del>No</del> → <ins>Yes</ins></li>');
    expect(html).not.toMatch(/page-break-before|break-before/);
    expect(html).toContain('Confidential — for the hiring committee');
    expect(html).toContain('Scale: Strong no = 1');
  });

  it('redacts interviewers on request', async () => {
    const response = await api('admin').get(`/api/loops/${loopId}/packet?format=markdown&redact=interviewers`).expect(200);
    expect(response.text).toContain('Interviewer 1');
    expect(response.text).toContain('Interviewer 2');
    expect(response.text).not.toContain(team.users.grace!.name);
    expect(response.text).not.toContain(team.users.alan!.name);
  });

  it('adds shadows only when asked', async () => {
    const response = await api('admin').get(`/api/loops/${loopId}/packet?format=markdown&includeShadows=true`).expect(200);
    expect(response.text).toContain('Shadow view');
    expect(response.text).toContain('(shadow)');
  });
});
