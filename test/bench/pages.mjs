// Page scenarios: the round page (GET, rendered HTML) and one autosave of its scorecard (POST), each against a bare
// node:http + pg baseline issuing the same statements; the page's baseline also renders the same templates
// (layout, round.hbs, partials) with the pages' own Handlebars, from the view model the API built.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addPosition, api, load, root, saveRotations, sql, startBaseline, substitute } from './harness.mjs';

const dist = (file) => path.join(root, 'dist', file);
// The autosave's answer carries the saved version (AUTOSAVE_RESULT_HEADER and SCORECARD_VERSION_HEADER of the rounds controller).
const VERSION_HEADER = 'x-scorecard-version';

/** The pages' Handlebars over templates/web, registered as @fastify/view does in production: page, then layout. */
export async function pageRenderer() {
  const { createPageHandlebars, partialFiles, PAGE_COMPILE_OPTIONS } = await import(dist('libs/web/src/view/view-engine.js'));
  const { WebAssets } = await import(dist('libs/web/src/view/web-assets.js'));
  const templates = path.join(root, 'templates/web');
  const handlebars = createPageHandlebars(new WebAssets(path.join(templates, 'assets'), root));
  const compile = (file) => handlebars.compile(readFileSync(path.join(templates, file), 'utf8'), PAGE_COMPILE_OPTIONS);
  for (const [name, file] of Object.entries(partialFiles(templates))) handlebars.registerPartial(name, compile(file));
  const layout = compile('layout.hbs');
  const pages = new Map();
  return (page, data) => {
    if (!pages.has(page)) pages.set(page, compile(page));
    return layout({ ...data, body: pages.get(page)(data) });
  };
}

/** Signs in through the login form and returns the session cookie (`lw_session=...`). */
export async function signInCookie(base, email, password) {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: 'manual',
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  if (response.status !== 303 || !cookie.startsWith('lw_session='))
    throw new Error(`sign-in answered ${response.status} without a session cookie`);
  return cookie;
}

/**
 * A loop of its own for the reader with one round of two pillars held yesterday, `questionCount` planned questions
 * (version 1) and the reader's draft with notes on each; returns the round id.
 */
export async function addPageRound(url, { organizationId, positionId, interviewerId, pillarIds, questionCount, day, label }) {
  const [row] = await sql(
    url,
    `WITH bank AS (SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT id FROM questions WHERE organization_id = $1 ORDER BY id LIMIT $5) q),
     candidate AS (
       INSERT INTO candidates (id, organization_id, name, email)
       VALUES (gen_random_uuid(), $1, 'Page Candidate ' || $6::text, 'page.' || $6::text || '@example.test') RETURNING id),
     loop AS (
       INSERT INTO loops (id, organization_id, candidate_id, position_id, status)
       SELECT gen_random_uuid(), $1, candidate.id, $2, 'scheduled' FROM candidate RETURNING id),
     round AS (
       INSERT INTO loop_rounds (id, organization_id, loop_id, position, title, pillar_ids, starts_at, ends_at, interviewer_id, scorecard_status)
       SELECT gen_random_uuid(), $1, loop.id, 0, 'Technical round', $4::uuid[],
              date_trunc('day', now()) - $7::int * interval '1 day' + interval '9 hours', date_trunc('day', now()) - $7::int * interval '1 day' + interval '10 hours', $3, 'draft'
         FROM loop RETURNING id, loop_id, ends_at),
     planned AS (
       INSERT INTO round_questions (organization_id, loop_id, round_id, question_id, version, position)
       SELECT $1, round.loop_id, round.id, bank.ids[n], 1, n FROM round, bank, generate_series(1, $5::int) AS n),
     card AS (
       INSERT INTO scorecards (organization_id, loop_id, round_id, author_id, status, version, ratings, questions_asked, round_ends_at, rating_due_hours, writeup_due_hours, rating_due_at, writeup_due_at)
       SELECT $1, round.loop_id, round.id, $3, 'draft', 1,
              jsonb_build_array(jsonb_build_object('pillarId', ($4::uuid[])[1], 'rating', 'yes', 'notes', 'Explained the trade-offs with numbers.')),
              (SELECT jsonb_agg(jsonb_build_object('questionId', bank.ids[n], 'version', 1, 'pillarId', q.pillar_id, 'notes', 'Needed one hint.') ORDER BY n)
                 FROM bank CROSS JOIN generate_series(1, $5::int) AS n JOIN questions q ON q.id = bank.ids[n]),
              round.ends_at, 1, 24, round.ends_at + interval '1 hour', round.ends_at + interval '24 hours'
         FROM round)
     SELECT id FROM round`,
    [organizationId, positionId, interviewerId, pillarIds, questionCount, label, day],
  );
  return row.id;
}

/**
 * One page GET measured against node:http + pg issuing the statements it issued and rendering its template from the
 * view model it built (captured with `x-capture-view`). `expect` is a text the page must contain.
 */
export async function measurePage({ apiBase, url, alternate, figures, baselinePort, connections }, { name, route, expect, headers, render }) {
  await load({ base: apiBase, paths: [route], headers, seconds: 1, connections }); // warm-up
  const sample = await api(apiBase, 'GET', route, { headers, capture: true });
  if (!String(sample.body).includes(expect)) throw new Error(`${route} did not render ${JSON.stringify(expect)}`);
  const { body: captured } = await api(apiBase, 'GET', route, { headers: { ...headers, 'x-capture-view': '1' } });
  const html = render(captured.page, captured.data);
  const baseline = await startBaseline({
    url,
    port: baselinePort,
    statementsByPath: { [route]: sample.sql },
    respond: async () => ({ type: 'text/html; charset=utf-8', body: render(captured.page, captured.data) }),
    responseHeaders: sample.responseHeaders,
  });
  try {
    await load({ base: baseline.base, paths: [route], seconds: 1, connections });
    const [apiRun, baselineRun] = await alternate(
      (seconds) => load({ base: apiBase, paths: [route], headers, seconds, connections }),
      (seconds) => load({ base: baseline.base, paths: [route], seconds, connections }),
    );
    return { ...figures(name, apiRun, baselineRun, sample), htmlBytes: html.length };
  } finally {
    await baseline.stop();
  }
}

/**
 * The round page at `questionCounts` questions (the statements must not grow with them) and one autosave. `alternate`
 * and `figures` are the runner's: the API and the baseline in alternating slices, and the row of the results table.
 */
export async function pageScenarios(context) {
  const { url, apiBase, admin, addUser, alternate, figures, baselinePort, connections, saveRounds, addDraftRounds, questionCounts = [2, 8] } = context;
  const { body: pillars } = await api(apiBase, 'GET', '/api/pillars', { token: admin.token });
  const pillarIds = pillars.map((pillar) => pillar.id);
  const reader = await addUser(apiBase, admin, 'reader', ['interviewer']);
  // Another interviewer for the autosaves: their many past rounds must not overlap the reader's.
  const writer = await addUser(apiBase, admin, 'autosaver', ['interviewer']);
  const manager = await addUser(apiBase, admin, 'pagemanager', ['hiring_manager']);
  const position = await addPosition(apiBase, admin, 'Bench Page Engineer', manager.id);
  const cookie = await signInCookie(apiBase, reader.email, reader.password);
  const headers = { cookie };
  const render = await pageRenderer();
  const results = [];

  for (const [index, questionCount] of questionCounts.entries()) {
    const roundId = await addPageRound(url, {
      organizationId: admin.organizationId,
      positionId: position.id,
      interviewerId: reader.id,
      pillarIds: pillarIds.slice(0, 2),
      questionCount,
      day: index + 1,
      label: `q${questionCount}`,
    });
    const measured = await measurePage(context, {
      name: `GET /app/rounds/:id (round page, ${questionCount} questions)`,
      route: `/app/rounds/${roundId}`,
      expect: 'Your scorecard',
      headers,
      render,
    });
    results.push({ ...measured, questions: questionCount });
  }

  // One autosave: the changed notes of one pillar with the draft's version, as the page's script posts it.
  const scorerRounds = await addDraftRounds(url, { organizationId: admin.organizationId, positionId: position.id, interviewerId: writer.id, pillarId: pillarIds[0], count: saveRounds + 1, label: 'autosave' });
  const [sampleRoundId, ...roundIds] = scorerRounds;
  const SAMPLE_VERSION = 987_653;
  const notesField = `notes:${pillarIds[0]}`;
  const formFor = (version) => ({
    version: String(version),
    [notesField]: 'Explained the trade-offs of the retrieval design with numbers.',
  });
  const saveHeaders = { cookie: await signInCookie(apiBase, writer.email, writer.password), 'hx-request': 'true' };
  // The API and the baseline each save rounds of their own (`saveRotations`).
  const rotations = saveRotations(url, roundIds, (roundId, version) => ({ path: `/app/rounds/${roundId}/scorecard`, body: formFor(version) }));
  const run = async (base, seconds, withHeaders) => {
    const saves = base === apiBase ? rotations.api : rotations.baseline;
    await saves.reset();
    return load({ base, method: 'POST', next: saves.next(), headers: withHeaders, form: true, seconds, connections });
  };
  await run(apiBase, 1, saveHeaders); // warm-up
  await sql(url, 'UPDATE scorecards SET version = $2 WHERE round_id = $1', [sampleRoundId, SAMPLE_VERSION]);
  const sample = await api(apiBase, 'POST', `/app/rounds/${sampleRoundId}/scorecard`, {
    headers: saveHeaders,
    form: formFor(SAMPLE_VERSION),
    capture: true,
  });
  const parameters = sample.sql.flatMap((statement) => statement.parameters);
  if (!parameters.includes(sampleRoundId) || !parameters.includes(SAMPLE_VERSION))
    throw new Error('the captured autosave does not carry its round and version as parameters');
  const statementsFor = (route, body) =>
    substitute(sample.sql, { [sampleRoundId]: route.split('/')[3], [SAMPLE_VERSION]: Number(new URLSearchParams(body).get('version')) });
  const baseline = await startBaseline({
    url,
    port: baselinePort,
    statementsFor,
    // As the route: the saved version in its header (the result's row).
    respond: async (rows) => ({ type: 'text/html; charset=utf-8', body: '', headers: { [VERSION_HEADER]: String(rows[0]?.version) } }),
    responseHeaders: sample.responseHeaders,
  });
  const runBaseline = async (seconds) => {
    const result = await run(baseline.base, seconds, {});
    await baseline.settled();
    return result;
  };
  try {
    await runBaseline(1);
    const [apiRun, baselineRun] = await alternate((seconds) => run(apiBase, seconds, saveHeaders), runBaseline);
    results.push(figures('POST /app/rounds/:id/scorecard (autosave)', apiRun, baselineRun, sample));
  } finally {
    await baseline.stop();
  }
  return results;
}

/**
 * The loop plan page at `roundCounts` rounds (every round scheduled: its suggestions are read), its statements equal
 * at each count, against node:http + pg issuing the same statements and rendering loop-plan.hbs from the same view model.
 */
export async function loopPlanScenarios(context) {
  const { apiBase, admin, addUser, roundCounts = [4, 12] } = context;
  const { body: pillars } = await api(apiBase, 'GET', '/api/pillars', { token: admin.token });
  const manager = await addUser(apiBase, admin, 'planmanager', ['hiring_manager']);
  const position = await addPosition(apiBase, admin, 'Bench Plan Engineer', manager.id);
  const headers = { cookie: await signInCookie(apiBase, manager.email, manager.password) };
  const render = await pageRenderer();
  const results = [];
  for (const roundCount of roundCounts) {
    const rounds = Array.from({ length: roundCount }, (_, index) => ({
      title: `Round ${index + 1}`,
      pillarIds: [pillars[index % pillars.length].id],
      questionCount: 1,
      durationMinutes: 60,
    }));
    const { body: template } = await api(apiBase, 'POST', '/api/loop-templates', { token: admin.token, body: { name: `Bench plan ${roundCount}`, rounds } });
    const { body: candidate } = await api(apiBase, 'POST', '/api/candidates', {
      token: admin.token,
      body: { name: `Plan Candidate ${roundCount}`, email: `plan.${roundCount}.${Date.now()}@example.test` },
    });
    const { body: loop } = await api(apiBase, 'POST', '/api/loops', {
      token: admin.token,
      body: { candidateId: candidate.id, positionId: position.id, templateId: template.id },
    });
    for (const [index, round] of loop.rounds.entries()) {
      const startsAt = new Date(Date.now() + (30 + index) * 86_400_000);
      await api(apiBase, 'PATCH', `/api/loops/${loop.id}/rounds/${round.id}`, {
        token: admin.token,
        body: { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() },
      });
    }
    const measured = await measurePage(context, {
      name: `GET /app/loops/:id (loop plan, ${roundCount} rounds)`,
      route: `/app/loops/${loop.id}`,
      expect: 'Pillars assessed by each round',
      headers,
      render,
    });
    results.push({ ...measured, rounds: roundCount });
  }
  return results;
}
