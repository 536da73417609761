import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Clock } from '@loopwright/core';
import { EXAMPLE_PACKET_FILE, PacketViewModelBuilder, type Rating, type PillarRating } from '@loopwright/packets';
import type { Role } from '@loopwright/identity';
import { as, createTeam, createTestApp, pillarIdsByKey, type TestApp, type TestTeam } from '@loopwright/testing';

/**
 * The documented example packet (`templates/packets/example-view-model.json`: the preview of a template without a
 * loop, the `example` of `GET /api/packet-templates/view-model`, the fixture of the packet tests) is what the
 * builder makes of a real loop: this test builds that loop through the API, with the test factories and the
 * clock set to each moment, and compares. `UPDATE_PACKET_EXAMPLE=1` writes the file instead (then review the diff).
 */
const EXAMPLE_FILE = path.resolve('templates/packets', EXAMPLE_PACKET_FILE);

const RUBRIC = { strong_no: 'Cannot explain it', no: 'Partial, with errors', yes: 'Correct and clear', strong_yes: 'Deep, with trade-offs' };

type PillarKey = 'foundations' | 'coding' | 'system-design' | 'behavioral';

/** A question as it was asked: its prompt at each version, the last one the one asked. */
interface AskedQuestion {
  pillar: PillarKey;
  title: string;
  prompts: string[];
  notes: string;
  /** The interviewer's own rating of the answer, when they gave one. */
  rating?: Rating;
}

interface ExampleRound {
  title: string;
  startsAt: string;
  endsAt: string;
  /** The test user key of the interviewer (see PEOPLE). */
  interviewer: string;
  pillars: PillarKey[];
  questions: AskedQuestion[];
  ratings: [PillarKey, PillarRating, string][];
  recommendation: Rating;
  summary: string;
  submittedAt: string;
  /** An amended rating with its evidence (an amendment sets both). */
  amendments: { at: string; reason: string; ratings?: [PillarKey, PillarRating, string][]; summary?: string }[];
}

/** The team: the hiring manager (who also interviews) and the interviewers, by test user key. */
const PEOPLE: Record<string, string> = {
  grace: 'Grace Hopper',
  alan: 'Alan Turing',
  katherine: 'Katherine Johnson',
  edsger: 'Edsger Dijkstra',
  barbara: 'Barbara Liskov',
  margaret: 'Margaret Hamilton',
};

const ROUNDS: ExampleRound[] = [
  {
    title: 'ML foundations',
    startsAt: '2026-11-23T09:00:00.000Z',
    endsAt: '2026-11-23T10:00:00.000Z',
    interviewer: 'alan',
    pillars: ['foundations'],
    questions: [
      {
        pillar: 'foundations',
        title: 'Explain the bias-variance tradeoff',
        prompts: ['Explain the bias-variance tradeoff.', 'Can you explain the bias-variance tradeoff?'],
        notes: 'Clear, used a concrete example (polynomial degree).',
        rating: 'strong_yes',
      },
      {
        pillar: 'foundations',
        title: 'How does a Transformer work? What are attention mechanisms?',
        prompts: ['How does a Transformer architecture work? What are attention mechanisms?'],
        notes: 'Covered multi-head attention, positional encodings and the KV cache at inference.',
      },
    ],
    ratings: [
      [
        'foundations',
        'strong_yes',
        'Explained the bias-variance tradeoff with a learning-curve sketch and tied it to regularization strength. ' +
          'Derived scaled dot-product attention and why the 1/sqrt(d_k) factor matters.',
      ],
    ],
    recommendation: 'strong_yes',
    summary: 'Deep, precise understanding of the theory; explains the "why" and not only the "how".',
    submittedAt: '2026-11-23T10:40:00.000Z',
    amendments: [],
  },
  {
    title: 'Coding: ML from scratch',
    startsAt: '2026-11-23T10:30:00.000Z',
    endsAt: '2026-11-23T11:30:00.000Z',
    interviewer: 'katherine',
    pillars: ['coding'],
    questions: [
      {
        pillar: 'coding',
        title: 'Implement a simple k-nearest neighbors algorithm from scratch',
        prompts: [
          'Implement a simple k-nearest neighbors algorithm from scratch.',
          'Implement a simple k-nearest neighbors algorithm from scratch in Python, using Euclidean distance and majority vote.',
          'Implement a simple k-nearest neighbors algorithm from scratch. Write `knn_predict(X_train, y_train, X_query, k)` in Python ' +
            'that returns one predicted class label per query row using Euclidean distance and majority vote.',
        ],
        notes: 'Handled k > n; stated O(n * d) per query.',
        rating: 'no',
      },
    ],
    ratings: [['coding', 'yes', 'Working k-NN in NumPy with argpartition and a stated tie-break rule; vectorized the distances after a hint.']],
    recommendation: 'yes',
    summary: 'Solid, readable code and good testing habits; needed a nudge towards full vectorization.',
    submittedAt: '2026-11-23T12:05:00.000Z',
    amendments: [],
  },
  {
    title: 'Coding: data preparation',
    startsAt: '2026-11-24T13:00:00.000Z',
    endsAt: '2026-11-24T14:00:00.000Z',
    interviewer: 'edsger',
    pillars: ['coding'],
    questions: [
      {
        pillar: 'coding',
        title: 'Given a dataset of text, write a script to clean it and prepare it for a model',
        prompts: [
          'Given a dataset of text, write a script to clean it and prepare it for a model. Assume a CSV with `id`, `text` and ' +
            '`label` columns containing HTML fragments and duplicates.',
        ],
        notes: 'Asked good questions about label leakage between duplicates.',
        rating: 'yes',
      },
    ],
    ratings: [['coding', 'yes', 'Wrote a streaming cleaner for the CSV (HTML stripping, Unicode normalization, de-duplication by hash) with unit tests.']],
    recommendation: 'strong_yes',
    summary: 'Excellent practical judgement about data quality.',
    submittedAt: '2026-11-24T15:10:00.000Z',
    amendments: [
      {
        at: '2026-11-25T08:15:00.000Z',
        reason: 'Raised the coding rating after re-reading the submitted code: the tests covered the edge cases.',
        // Evidence left out of an amended rating would clear it: the amendment repeats it.
        ratings: [['coding', 'strong_yes', 'Wrote a streaming cleaner for the CSV (HTML stripping, Unicode normalization, de-duplication by hash) with unit tests.']],
      },
    ],
  },
  {
    title: 'AI system design',
    startsAt: '2026-11-25T09:00:00.000Z',
    endsAt: '2026-11-25T10:15:00.000Z',
    interviewer: 'barbara',
    pillars: ['system-design'],
    questions: [
      {
        pillar: 'system-design',
        title: 'Design a system to generate real-time captions for a live video stream',
        prompts: [
          'How would you design a system to generate real-time captions for a live video stream?',
          'How would you design a system to generate real-time captions for a live video stream?\n\n' +
            'Constraints:\n\n- captions at most **2 seconds** behind the speaker\n- 10,000 concurrent streams at peak\n' +
            '- a fallback when the `asr` service is unavailable',
        ],
        notes: 'Good on latency trade-offs, lighter on monitoring for model drift.',
        rating: 'yes',
      },
    ],
    ratings: [['system-design', 'yes', 'Designed live captioning with streaming ASR, a 2 s latency budget and a fallback model; capacity estimate was rough.']],
    recommendation: 'yes',
    summary: 'Sound end-to-end design with clear trade-offs; would grow into the senior bar quickly.',
    submittedAt: '2026-11-25T11:00:00.000Z',
    amendments: [],
  },
  {
    title: 'Project deep dive',
    startsAt: '2026-11-26T14:00:00.000Z',
    endsAt: '2026-11-26T15:00:00.000Z',
    interviewer: 'margaret',
    pillars: ['behavioral'],
    questions: [
      {
        pillar: 'behavioral',
        title: "The most complex AI-related project you've worked on and your specific contribution",
        prompts: ["Tell me about the most complex AI-related project you've worked on. What was your specific contribution?"],
        notes: 'Specific numbers, honest about what failed first.',
        rating: 'no',
      },
    ],
    ratings: [
      [
        'behavioral',
        'strong_yes',
        'Walked through a retrieval-augmented support assistant: goal, offline and online metrics, and her own contribution (the evaluation harness).',
      ],
    ],
    recommendation: 'strong_yes',
    summary: 'Owns outcomes, measures them, and explains them well.',
    submittedAt: '2026-11-26T15:30:00.000Z',
    amendments: [],
  },
  {
    title: 'Hiring manager conversation',
    startsAt: '2026-11-27T16:00:00.000Z',
    endsAt: '2026-11-27T16:45:00.000Z',
    interviewer: 'grace',
    pillars: ['behavioral', 'system-design'],
    questions: [
      {
        pillar: 'behavioral',
        title: 'How you keep up with a fast-moving field',
        prompts: [
          'AI and ML move very quickly. How do you decide which new papers, models or tools are worth your time, and tell me about one recent thing you learned and applied?',
        ],
        notes: 'Reads papers with a reproduction budget; applied speculative decoding at work.',
        rating: 'strong_yes',
      },
    ],
    ratings: [
      ['behavioral', 'yes', 'Motivated by the product; asked about on-call and the evaluation culture of the team.'],
      ['system-design', 'no', 'Ran out of time before the design follow-up.'],
    ],
    recommendation: 'yes',
    summary: 'Good fit for the team; no concens.',
    submittedAt: '2026-11-27T17:20:00.000Z',
    amendments: [
      {
        at: '2026-11-28T09:00:00.000Z',
        reason: 'Marked the design pillar as not assessed instead of "No": it was never discussed.',
        ratings: [['system-design', 'not_assessed', 'Ran out of time before the design follow-up.']],
      },
      { at: '2026-11-28T09:05:00.000Z', reason: 'Fixed a typo in the summary.', summary: 'Good fit for the team; no concerns.' },
    ],
  },
];

const DECISION = { at: '2026-11-28T16:00:00.000Z', decision: 'hire', note: 'Strong across all four pillars; offer at the senior level.' };
const GENERATED_AT = '2026-11-29T09:30:00.000Z';

describe('the documented example packet', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let clock: Clock;
  let realNow: () => Date;
  const api = (key: string) => as(testApp, team.users[key]!);
  const at = (iso: string): void => {
    clock.now = () => new Date(iso);
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    clock = testApp.app.get(Clock);
    realNow = clock.now.bind(clock);
    const interviewers = Object.fromEntries(Object.keys(PEOPLE).map((key): [string, Role[]] => [key, ['interviewer']]));
    team = await createTeam(testApp, { admin: ['admin'], recruiter: ['recruiter'], ...interviewers, grace: ['hiring_manager', 'interviewer'] }, 'Analytical Engines Ltd');
  });

  afterAll(async () => {
    clock.now = realNow;
    await testApp.close();
  });

  it('is what the builder makes of its loop', async () => {
    const pillars = await pillarIdsByKey(api('admin'));
    for (const [key, name] of Object.entries(PEOPLE)) {
      await api('admin').patch(`/api/users/${team.users[key]!.id}`).send({ name }).expect(200);
      const taught = ROUNDS.filter((round) => round.interviewer === key).flatMap((round) => round.pillars);
      await api('admin')
        .put(`/api/users/${team.users[key]!.id}/qualifications`)
        .send(taught.map((key) => ({ pillarId: pillars[key], level: 'qualified' })))
        .expect(200);
    }
    const questionIds = new Map<string, string>();
    for (const question of ROUNDS.flatMap((round) => round.questions)) {
      const [first, ...later] = question.prompts;
      const created = await api('admin')
        .post('/api/questions')
        .send({ pillarId: pillars[question.pillar], title: question.title, prompt: first, rubric: RUBRIC, difficulty: 3 })
        .expect(201);
      for (const prompt of later) await api('admin').patch(`/api/questions/${created.body.id}`).send({ prompt }).expect(200);
      questionIds.set(question.title, created.body.id);
    }
    const position = await api('grace').post('/api/positions').send({ title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior' }).expect(201);
    const candidate = await api('recruiter').post('/api/candidates').send({ name: 'Ada Lovelace', email: 'ada@example.com' }).expect(201);
    const loop = await api('recruiter').post('/api/loops').send({ candidateId: candidate.body.id, positionId: position.body.id }).expect(201);
    for (const round of ROUNDS) {
      await api('recruiter')
        .post(`/api/loops/${loop.body.id}/rounds`)
        .send({
          title: round.title,
          pillarIds: round.pillars.map((key) => pillars[key]),
          questionIds: round.questions.map((question) => questionIds.get(question.title)),
          startsAt: round.startsAt,
          endsAt: round.endsAt,
          interviewerId: team.users[round.interviewer]!.id,
        })
        .expect(201);
    }
    const roundIds: string[] = (await api('recruiter').get(`/api/loops/${loop.body.id}`).expect(200)).body.rounds.map((round: { id: string }) => round.id);

    for (const [index, round] of ROUNDS.entries()) {
      const scorecard = `/api/rounds/${roundIds[index]}/scorecard`;
      const interviewer = api(round.interviewer);
      at(round.submittedAt);
      const draft = await interviewer.get(scorecard).expect(200);
      const saved = await interviewer
        .put(scorecard)
        .send({
          version: draft.body.version,
          ratings: round.ratings.map(([key, rating, notes]) => ({ pillarId: pillars[key], rating, notes })),
          questionsAsked: round.questions.map((question) => ({ questionId: questionIds.get(question.title), notes: question.notes, rating: question.rating })),
          recommendation: round.recommendation,
          summary: round.summary,
        })
        .expect(200);
      await interviewer.post(`${scorecard}/submit`).send({ version: saved.body.version }).expect(200);
      for (const amendment of round.amendments) {
        at(amendment.at);
        await interviewer
          .post(`${scorecard}/amendments`)
          .send({
            reason: amendment.reason,
            ...(amendment.ratings ? { ratings: amendment.ratings.map(([key, rating, notes]) => ({ pillarId: pillars[key], rating, notes })) } : {}),
            ...(amendment.summary ? { summary: amendment.summary } : {}),
          })
          .expect(201);
      }
    }
    at(DECISION.at);
    await api('grace').post(`/api/loops/${loop.body.id}/decision`).send({ decision: DECISION.decision, note: DECISION.note }).expect(200);

    at(GENERATED_AT);
    const built = await testApp.app.get(PacketViewModelBuilder).build(team.organization.id, loop.body.id, { redactInterviewers: false, includeShadows: false });
    const example = JSON.parse(JSON.stringify(built.viewModel)) as unknown;
    if (process.env.UPDATE_PACKET_EXAMPLE === '1') writeFileSync(EXAMPLE_FILE, `${JSON.stringify(example, null, 2)}\n`);
    expect(example).toEqual(JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')));
  });
});
