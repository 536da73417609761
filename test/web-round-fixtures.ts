/// <reference lib="dom" />
// Data and page helpers shared by the round page's browser tests.
import { createCandidateLoop, createLoopTemplate, patchRound, staffedPosition, submitScorecard, timeSlot, type TestTeam, type WebTestApp } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';

export const ROUND_TEAM = {
  admin: ['admin'],
  manager: ['hiring_manager'],
  recruiter: ['recruiter'],
  interviewer: ['interviewer'],
  interviewer2: ['interviewer'],
  trainee: ['interviewer'],
  outsider: ['interviewer'],
} as const;

export const COMPLETE_SUMMARY = 'Clear reasoning about trade-offs, backed by numbers.';

export interface PlannedQuestion {
  id: string;
  title: string;
}

export interface RoundLoop {
  loopId: string;
  /** Foundations and coding, two planned questions; the interviewer, the trainee shadowing. */
  roundId: string;
  /** System design, interviewer2. */
  otherRoundId: string;
  candidateName: string;
}

export interface RoundFixture {
  team: TestTeam;
  pillars: Record<string, string>;
  questions: PlannedQuestion[];
  /** A new loop (its own candidate) whose rounds were held in the past; interviewer2 has submitted unless told not to. */
  newLoop(options?: { othersSubmitted?: boolean }): Promise<RoundLoop>;
}

const rubric = {
  strong_no: 'Cannot say what a gradient is.',
  no: 'Knows the words, not the mechanics.',
  yes: 'Derives the update rule for a small example.',
  strong_yes: 'Connects the learning rate to the loss curve’s behaviour.',
};

const unique = (): string => randomUUID().slice(0, 8);

export async function roundFixture(web: WebTestApp): Promise<RoundFixture> {
  const { team, pillars, positionId, api } = await staffedPosition(web, ROUND_TEAM, {
    qualified: ['interviewer', 'interviewer2', 'outsider'],
    shadows: ['trainee'],
    manager: 'manager',
  });
  const admin = api('admin');
  const questions: PlannedQuestion[] = [];
  for (const [pillar, title, prompt] of [
    [
      'foundations',
      'Gradient descent by hand',
      'Walk through **one step** of gradient descent.\n\n- the loss\n- the `update` rule\n\n<script>alert(1)</script>',
    ],
    ['coding', 'Debounce a function', 'Write `debounce(fn, ms)` and say how you would *test* it.'],
  ] as const) {
    const body = {
      pillarId: pillars[pillar],
      title: `${title} ${unique()}`,
      prompt,
      rubric,
      followUps: ['What if the data does not fit in memory?'],
      difficulty: 2,
      roles: ['ai_engineer'],
    };
    const created = await admin.post('/api/questions').send(body).expect(201);
    questions.push({ id: created.body.id as string, title: body.title });
  }
  const templateId = (
    await createLoopTemplate(
      admin,
      [
        { title: 'Foundations and coding', pillarIds: [pillars.foundations!, pillars.coding!], questionCount: 2 },
        { title: 'System design', pillarIds: [pillars['system-design']!], questionCount: 1 },
      ],
      `Round page ${unique()}`,
    )
  ).id;
  let day = 0;
  const recruiter = api('recruiter');
  const base = Date.UTC(2025, 0, 6);
  return {
    team,
    pillars,
    questions,
    async newLoop({ othersSubmitted = true } = {}) {
      day += 1;
      const candidateName = `Ada Lovelace ${unique()}`;
      const loop = await createCandidateLoop(recruiter, { name: candidateName }, { positionId, templateId });
      const [roundId, otherRoundId] = [loop.rounds[0]!.id, loop.rounds[1]!.id];
      await patchRound(recruiter, loop, 0, {
        interviewerId: team.users.interviewer!.id,
        shadowInterviewerIds: [team.users.trainee!.id],
        questionIds: questions.map((question) => question.id),
        ...timeSlot(base, day, 9),
      }).expect(200);
      await patchRound(recruiter, loop, 1, { interviewerId: team.users.interviewer2!.id, ...timeSlot(base, day, 11) }).expect(200);
      if (othersSubmitted) {
        await submitScorecard(api('interviewer2'), otherRoundId, {
          ratings: [{ pillarId: pillars['system-design']!, rating: 'no', notes: 'No capacity estimate.' }],
          recommendation: 'no',
          summary: 'Designed a plausible system but never sized it.',
        });
      }
      return { loopId: loop.id, roundId, otherRoundId, candidateName };
    },
  };
}

/** A radio group or fieldset by its legend. */
export const group = (page: Page, legend: string): Locator => page.getByRole('group', { name: legend, exact: true });

/** Waits until the autosave status region says exactly `text`. */
export async function statusSays(page: Page, text: string): Promise<void> {
  await page.waitForFunction((expected) => document.getElementById('autosave-status')?.textContent === expected, text);
}

/** The other scorecards the page lists, by author name. */
export async function otherScorecardAuthors(page: Page): Promise<string[]> {
  const headings = await page.locator('section[aria-labelledby="others-heading"] article h3').allInnerTexts();
  return headings.map((text) => text.split(' · ')[0]!.trim()).sort();
}
