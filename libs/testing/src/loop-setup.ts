import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { Caller } from './factories.js';

/**
 * The set-up most e2e tests share before they test anything: qualified interviewers, a position, a template, a
 * candidate with a loop, its rounds staffed. All of it through the API, as the caller given, each call expected to
 * succeed; tests of these routes themselves send their own requests.
 */

export type QualificationLevel = 'qualified' | 'shadow';

/** Gives each of `userIds` the one `level` on every pillar of `pillars` (ids by key, as `pillarIdsByKey` reads them). */
export async function qualify(
  admin: Caller,
  pillars: Record<string, string>,
  userIds: string[],
  level: QualificationLevel = 'qualified',
): Promise<void> {
  const qualifications = Object.values(pillars).map((pillarId) => ({ pillarId, level }));
  for (const userId of userIds) await admin.put(`/api/users/${userId}/qualifications`).send(qualifications).expect(200);
}

export interface PositionInput {
  title: string;
  roleFamily: string;
  level: string;
  hiringManagerId?: string;
}

/** A new position; its id. */
export async function createPosition(caller: Caller, position: PositionInput): Promise<string> {
  return (await caller.post('/api/positions').send(position).expect(201)).body.id;
}

export interface TemplateRoundInput {
  /** `Round <index>` unless given. */
  title?: string;
  pillarIds: string[];
  questionCount: number;
  /** 60 unless given. */
  durationMinutes?: number;
  tags?: string[];
}

export interface CreatedTemplate {
  id: string;
  rounds: (TemplateRoundInput & { title: string; durationMinutes: number; tags: string[] })[];
}

/** A new loop template of `rounds`, under a name of its own unless one is given; its body. */
export async function createLoopTemplate(
  caller: Caller,
  rounds: TemplateRoundInput[],
  name = `T ${randomUUID().slice(0, 6)}`,
): Promise<CreatedTemplate> {
  const body = { name, rounds: rounds.map((round, index) => ({ title: `Round ${index}`, durationMinutes: 60, ...round })) };
  return (await caller.post('/api/loop-templates').send(body).expect(201)).body;
}

/** The template many tests plan their loops from: a Foundations round, then a Coding round, one question each. */
export function createFoundationsCodingTemplate(caller: Caller, pillars: Record<string, string>): Promise<CreatedTemplate> {
  return createLoopTemplate(caller, [
    { title: 'Foundations', pillarIds: [pillars.foundations], questionCount: 1 },
    { title: 'Coding', pillarIds: [pillars.coding], questionCount: 1 },
  ]);
}

/** The organization's loop templates by name (a new organization has the default ones: `AI Engineer onsite`, …). */
export async function templatesByName(caller: Caller): Promise<Record<string, CreatedTemplate & { name: string }>> {
  const items = (await caller.get('/api/loop-templates?limit=200').expect(200)).body.items as (CreatedTemplate & { name: string })[];
  return Object.fromEntries(items.map((item) => [item.name, item]));
}

export interface CandidateInput {
  name: string;
  /** A fresh address unless given. */
  email?: string;
  phone?: string;
  source?: string;
  notes?: string;
}

/** A new candidate; their id. */
export async function createCandidate(caller: Caller, candidate: CandidateInput): Promise<string> {
  const body = { email: `c.${randomUUID().slice(0, 8)}@example.test`, ...candidate };
  return (await caller.post('/api/candidates').send(body).expect(201)).body.id;
}

/** What every loop body has; tests describe the rest of it as far as they read it. */
export interface LoopRef {
  id: string;
  rounds: { id: string }[];
}

export interface LoopInput {
  candidateId: string;
  positionId: string;
  templateId?: string;
}

/** A new loop; its body, with the rounds copied from the template. */
export async function createLoop<Loop extends LoopRef = LoopRef>(caller: Caller, loop: LoopInput): Promise<Loop> {
  return (await caller.post('/api/loops').send(loop).expect(201)).body;
}

/** A new candidate and a loop for them, both made by `caller`. */
export async function createCandidateLoop<Loop extends LoopRef = LoopRef>(
  caller: Caller,
  candidate: CandidateInput,
  loop: Omit<LoopInput, 'candidateId'>,
): Promise<Loop> {
  return createLoop<Loop>(caller, { candidateId: await createCandidate(caller, candidate), ...loop });
}

/** The PATCH of a loop's round by its index; the test says which status it expects. */
export function patchRound(caller: Caller, loop: LoopRef, index: number, change: Record<string, unknown>): request.Test {
  return caller.patch(`/api/loops/${loop.id}/rounds/${loop.rounds[index].id}`).send(change);
}
