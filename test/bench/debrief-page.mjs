// The debrief page (GET, rendered HTML) of a loop with 4 and of one with 12 submitted rounds, each against a bare
// node:http + pg baseline issuing the same statements and rendering the same templates from the captured view model.
import { addPacketLoops } from './data.mjs';
import { addPosition, api } from './harness.mjs';
import { measurePage, pageRenderer, signInCookie } from './pages.mjs';

/** `roundCounts`: the statements must not grow with the rounds. The runner's `alternate` and `figures` as in pages.mjs. */
export async function debriefScenarios(context) {
  const { url, apiBase, admin, addUser, roundCounts = [4, 12] } = context;
  const { body: pillars } = await api(apiBase, 'GET', '/api/pillars', { token: admin.token });
  const manager = await addUser(apiBase, admin, 'debriefmanager', ['hiring_manager']);
  // Each loop its own interviewers: the loops are held on the same day and no interviewer's rounds may overlap.
  const interviewers = [];
  for (let index = 0; index < roundCounts.reduce((sum, count) => sum + count, 0); index += 1)
    interviewers.push(await addUser(apiBase, admin, `debriefer${index}`, ['interviewer']));
  const position = await addPosition(apiBase, admin, 'Bench Debrief Engineer', manager.id);
  const headers = { cookie: await signInCookie(apiBase, manager.email, manager.password) };
  const render = await pageRenderer();
  const results = [];
  let seated = 0;
  for (const rounds of roundCounts) {
    // One past loop, a round per interviewer, each with a submitted scorecard: the matrix is full, the form offered.
    const [loopId] = await addPacketLoops(url, {
      organizationId: admin.organizationId,
      positionId: position.id,
      interviewerIds: interviewers.slice(seated, (seated += rounds)).map((interviewer) => interviewer.id),
      pillarIds: pillars.map((pillar) => pillar.id),
      count: 1,
      label: `debrief${rounds}`,
    });
    const route = `/app/loops/${loopId}/debrief`;
    const name = `GET /app/loops/:id/debrief (debrief page, ${rounds} rounds)`;
    const page = await measurePage(context, { name, route, expect: 'Record decision', headers, render });
    results.push({ ...page, rounds });
  }
  return results;
}
