import type { Caller } from './factories.js';

/** The fields of a scorecard a save may send (any left out stay as they are). */
export interface ScorecardFields {
  ratings?: { pillarId: string; rating: string | null; notes?: string | null }[];
  questionsAsked?: { questionId: string; notes?: string; rating?: string }[];
  recommendation?: string | null;
  summary?: string | null;
}

/** Reads the caller's scorecard of the round (made on first read) and saves `fields` on its version; the new version. */
export async function saveScorecard(caller: Caller, roundId: string, fields: ScorecardFields): Promise<number> {
  const { version } = (await caller.get(`/api/rounds/${roundId}/scorecard`).expect(200)).body;
  return (
    await caller
      .put(`/api/rounds/${roundId}/scorecard`)
      .send({ version, ...fields })
      .expect(200)
  ).body.version;
}

/** Saves `fields` (complete enough to submit) and submits the caller's scorecard of the round. */
export async function submitScorecard(caller: Caller, roundId: string, fields: ScorecardFields): Promise<void> {
  const version = await saveScorecard(caller, roundId, fields);
  await caller.post(`/api/rounds/${roundId}/scorecard/submit`).send({ version }).expect(200);
}

/** Ratings from `{ pillarKey: rating }`, the pillar ids taken from `pillars` (ids by key), each with `notes(pillarKey)`. */
export function ratingsByKey(
  pillars: Record<string, string>,
  ratings: Record<string, string>,
  notes: (pillarKey: string) => string,
): { pillarId: string; rating: string; notes: string }[] {
  return Object.entries(ratings).map(([pillarKey, rating]) => ({ pillarId: pillars[pillarKey], rating, notes: notes(pillarKey) }));
}
