import type { Role } from '@loopwright/identity';
import { createCandidateLoop, createLoopTemplate, createPosition, patchRound, qualify, teamSuite, type TemplateRoundInput, timeSlot } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

/** Issue 12, what a newcomer tripped on: refusals name the clashing round, DELETE answers the loop, planning reads tags. */
const ROLES: Record<string, Role[]> = {
  admin: ['admin'],
  hiringManager: ['hiring_manager'],
  otherManager: ['hiring_manager'],
  recruiter: ['recruiter'],
  ada: ['interviewer'],
  bo: ['interviewer'],
};

const BASE = Date.UTC(2031, 2, 3);
const slot = (day: number, hour: number, minutes = 60) => timeSlot(BASE, day, hour, minutes);
const rubric = { strong_no: 'a', no: 'b', yes: 'c', strong_yes: 'd' };

interface LoopBody {
  id: string;
  rounds: { id: string; title: string; questionIds: string[]; plannedQuestions: { questionId: string; title: string }[] }[];
}

describe('loops: what a newcomer tripped on', () => {
  const suite = teamSuite(ROLES);
  const { api, user } = suite;
  let position: string;
  let otherPosition: string;

  const template = (rounds: TemplateRoundInput[]) => createLoopTemplate(api('admin'), rounds);
  const newLoop = (templateId: string, positionId = position, name = 'Noor Haddad'): Promise<LoopBody> =>
    createCandidateLoop<LoopBody>(api('recruiter'), { name }, { positionId, templateId });
  const patch = (loop: LoopBody, index: number, body: Record<string, unknown>) => patchRound(api('recruiter'), loop, index, body);

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, [user('ada'), user('bo')]);
    const newPosition = (hiringManager: string): Promise<string> =>
      createPosition(api('admin'), { title: 'ML Engineer', roleFamily: 'ml_engineer', level: 'senior', hiringManagerId: user(hiringManager) });
    position = await newPosition('hiringManager');
    otherPosition = await newPosition('otherManager');
  });

  describe('assignment refusals name the clashing round', () => {
    it('INTERVIEWER_DOUBLE_BOOKED gives loopId, roundId, title and times of the other round (any loop), never its candidate', async () => {
      const twoRounds = (await template([{ pillarIds: [suite.pillars.coding], questionCount: 0 }, { pillarIds: [suite.pillars.foundations], questionCount: 0 }])).id;
      const busy = await newLoop(twoRounds, otherPosition, 'Secret Candidate Name');
      await patch(busy, 1, { interviewerId: user('ada'), ...slot(0, 9) }).expect(200);
      const loop = await newLoop(twoRounds);
      // The hiring manager of this position does not run the other one: ids, title and times only.
      const refused = await api('hiringManager')
        .patch(`/api/loops/${loop.id}/rounds/${loop.rounds[0]!.id}`)
        .send({ interviewerId: user('ada'), ...slot(0, 9, 30) })
        .expect(409);
      expect(refused.body).toMatchObject({
        code: 'INTERVIEWER_DOUBLE_BOOKED',
        details: {
          interviewerId: user('ada'),
          loopId: busy.id,
          roundId: busy.rounds[1]!.id,
          title: 'Round 1',
          startsAt: slot(0, 9).startsAt,
          endsAt: slot(0, 9).endsAt,
        },
      });
      expect(JSON.stringify(refused.body)).not.toContain('Secret Candidate Name');
      // Adding a round at that time says the same.
      const added = await api('recruiter')
        .post(`/api/loops/${loop.id}/rounds`)
        .send({ title: 'Extra', pillarIds: [suite.pillars.coding], interviewerId: user('ada'), ...slot(0, 9, 90), questionIds: [] })
        .expect(409);
      expect(added.body.details).toMatchObject({ loopId: busy.id, roundId: busy.rounds[1]!.id });
      // Next to it, not overlapping: fine.
      await patch(loop, 0, { interviewerId: user('ada'), ...slot(0, 10) }).expect(200);
    });

    it('INTERVIEWER_ALREADY_IN_LOOP says which round and whether the person interviews or shadows it', async () => {
      const threeRounds = (
        await template([
          { pillarIds: [suite.pillars.coding], questionCount: 0 },
          { pillarIds: [suite.pillars.foundations], questionCount: 0 },
          { pillarIds: [suite.pillars.behavioral], questionCount: 0 },
        ])
      ).id;
      const loop = await newLoop(threeRounds);
      await patch(loop, 0, { interviewerId: user('ada'), shadowInterviewerIds: [user('bo')], ...slot(1, 9) }).expect(200);

      const asInterviewer = await patch(loop, 1, { interviewerId: user('ada'), ...slot(1, 11) }).expect(409);
      expect(asInterviewer.body).toMatchObject({
        code: 'INTERVIEWER_ALREADY_IN_LOOP',
        details: { interviewerId: user('ada'), roundId: loop.rounds[0]!.id, title: 'Round 0', as: 'interviewer' },
      });
      const asShadow = await patch(loop, 1, { interviewerId: user('bo'), ...slot(1, 11) }).expect(409);
      expect(asShadow.body).toMatchObject({
        code: 'INTERVIEWER_ALREADY_IN_LOOP',
        details: { interviewerId: user('bo'), roundId: loop.rounds[0]!.id, title: 'Round 0', as: 'shadow' },
      });
      // A shadow seat refused because the person interviews another round of the loop.
      await patch(loop, 1, { interviewerId: null, ...slot(1, 11) }).expect(200);
      await patch(loop, 2, { interviewerId: user('bo'), ...slot(1, 13) }).expect(409);
      const shadowRefused = await patch(loop, 1, { shadowInterviewerIds: [user('ada')] }).expect(409);
      expect(shadowRefused.body).toMatchObject({
        code: 'INTERVIEWER_ALREADY_IN_LOOP',
        details: { shadowInterviewerId: user('ada'), roundId: loop.rounds[0]!.id, as: 'interviewer' },
      });
    });
  });

  it('DELETE of a round answers 200 with the loop, like the other round routes', async () => {
    const loop = await newLoop((await template([{ pillarIds: [suite.pillars.coding], questionCount: 0 }, { pillarIds: [suite.pillars.foundations], questionCount: 0 }])).id);
    const removed = await api('recruiter').delete(`/api/loops/${loop.id}/rounds/${loop.rounds[0]!.id}`).expect(200);
    expect(removed.body.id).toBe(loop.id);
    expect(removed.body.rounds.map((round: { id: string; position: number }) => [round.id, round.position])).toEqual([[loop.rounds[1]!.id, 0]]);
    expect(removed.body).toEqual((await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body);
  });

  describe('planning prefers the round’s tags', () => {
    it('takes tagged questions first, least exposed first among them, then fills questionCount with the others', async () => {
      const pillarId = (
        await api('admin')
          .post('/api/pillars')
          .send({ key: `algo-${randomUUID().slice(0, 8)}`, name: 'Algorithms' })
          .expect(201)
      ).body.id;
      const question = async (title: string, tags: string[]): Promise<string> =>
        (await api('admin').post('/api/questions').send({ pillarId, title, prompt: 'Solve it.', rubric, difficulty: 3, tags }).expect(201)).body.id;
      const algo = [await question('Binary search variants', ['algorithms', 'search']), await question('Topological sort', ['Algorithms'])];
      const pytorch = [await question('A PyTorch training loop', ['pytorch']), await question('Debug a PyTorch model', ['pytorch', 'debugging'])];

      const tagged = await template([{ title: 'Coding: data structures and algorithms', pillarIds: [pillarId], questionCount: 1, tags: [' Algorithms ', 'algorithms'] }]);
      expect(tagged.rounds[0]!.tags).toEqual(['algorithms']);
      // Untagged questions are never exposed before the tagged ones; the first loop takes one algorithm question.
      const first = await newLoop(tagged.id);
      expect(algo).toContain(first.rounds[0]!.questionIds[0]);
      const exposed = first.rounds[0]!.questionIds[0]!;
      const fresh = algo.find((id) => id !== exposed)!;

      const wide = await template([{ pillarIds: [pillarId], questionCount: 3, tags: ['algorithms'] }]);
      const second = await newLoop(wide.id);
      const planned = second.rounds[0]!.questionIds;
      // The less exposed tagged one, then the exposed tagged one (still before the never-planned untagged ones), then one other.
      expect(planned.slice(0, 2)).toEqual([fresh, exposed]);
      expect(pytorch).toContain(planned[2]);
      expect(planned).toHaveLength(3);

      // Without tags, least exposed first as before: the PyTorch question never planned comes first.
      const plain = await template([{ pillarIds: [pillarId], questionCount: 1 }]);
      expect(plain.rounds[0]!.tags).toEqual([]);
      const third = await newLoop(plain.id);
      expect(third.rounds[0]!.questionIds).toEqual([pytorch.find((id) => id !== planned[2])]);
    });

    it('validates tags and keeps them on the template', async () => {
      const bad = async (tags: unknown, field: string): Promise<void> => {
        const response = await api('admin')
          .post('/api/loop-templates')
          .send({ name: 'Bad', rounds: [{ title: 'R', durationMinutes: 60, pillarIds: [suite.pillars.coding], questionCount: 1, tags }] })
          .expect(400);
        expect(response.body.details.fields.map((item: { field: string }) => item.field)).toContain(field);
      };
      await bad('algorithms', 'rounds.0.tags');
      await bad([''], 'rounds.0.tags');
      await bad(['x'.repeat(41)], 'rounds.0.tags');
      await bad(Array.from({ length: 21 }, (_, index) => `t${index}`), 'rounds.0.tags');
      await bad([3], 'rounds.0.tags');
      const created = await template([{ pillarIds: [suite.pillars.coding], questionCount: 1, tags: ['graphs', 'DP'] }]);
      expect((await api('admin').get(`/api/loop-templates/${created.id}`).expect(200)).body.rounds[0].tags).toEqual(['graphs', 'dp']);
      const replaced = await api('admin')
        .put(`/api/loop-templates/${created.id}`)
        .send({ name: 'Renamed', rounds: [{ title: 'R', durationMinutes: 60, pillarIds: [suite.pillars.coding], questionCount: 1 }] })
        .expect(200);
      expect(replaced.body.rounds[0].tags).toEqual([]);
    });

    it('seeds the default templates with tags of the seed questions: the algorithms round plans algorithm questions', async () => {
      const templates = (await api('admin').get('/api/loop-templates?limit=200').expect(200)).body.items as {
        id: string;
        name: string;
        rounds: { title: string; tags: string[] }[];
      }[];
      const ml = templates.find((item) => item.name === 'ML Engineer onsite')!;
      const algorithms = ml.rounds.find((round) => round.title === 'Coding: data structures and algorithms')!;
      expect(algorithms.tags).toEqual(['algorithms-from-scratch']);
      for (const item of templates.filter((t) => t.name.endsWith('onsite'))) for (const round of item.rounds) expect(round.tags.length).toBeGreaterThan(0);
      const loop = await newLoop(ml.id);
      const round = loop.rounds.find((item) => item.title === 'Coding: data structures and algorithms')!;
      const tags = await Promise.all(
        round.questionIds.map(async (id) => ((await api('admin').get(`/api/questions/${id}`).expect(200)).body as { tags: string[] }).tags),
      );
      expect(tags).toHaveLength(2);
      for (const questionTags of tags) expect(questionTags).toContain('algorithms-from-scratch');
      expect(JSON.stringify(round.plannedQuestions)).not.toMatch(/PyTorch/);
    });
  });
});
