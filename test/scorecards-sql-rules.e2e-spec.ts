import { CLOSED_LOOP_STATUSES, isClosed } from '@loopwright/loops';
import {
  DECISION_VALUE,
  DECISIONS,
  decisionValueSql,
  dueTimes,
  effectiveRatingsSql,
  effectiveValues,
  PILLAR_RATINGS,
  ratingValue,
  ratingValueSql,
  type AmendmentChange,
  type PillarRating,
} from '@loopwright/scorecards';
import { workerDatabaseUrl } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { roundDueAtSql } from '../libs/scorecards/src/due-times.js';
import { isClosedSql } from '../libs/loops/src/loops/loop-status.js';

/** A small deterministic generator, so that a failing case is the same on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Card {
  id: string;
  ratings: { pillarId: string; rating: PillarRating | null; notes: string | null }[];
  amendments: (AmendmentChange & { sequence: number })[];
}

/** Cards with 0..3 pillars rated and 0..3 amendments each: ratings-only, recommendation-only, new pillars, nulls. */
function cases(count: number): Card[] {
  const random = generator(20_260_501);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const pillars = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const ratingPool: (PillarRating | null)[] = [...PILLAR_RATINGS, null];
  const someRatings = () =>
    pillars
      .filter(() => random() < 0.5)
      .map((pillarId) => ({ pillarId, rating: pick(ratingPool), notes: random() < 0.5 ? 'evidence' : null }));
  return Array.from({ length: count }, () => ({
    id: randomUUID(),
    ratings: someRatings(),
    amendments: Array.from({ length: Math.floor(random() * 4) }, (_, index) => ({
      sequence: index + 1,
      ratings: random() < 0.3 ? null : someRatings(),
      recommendation: null,
      summary: null,
    })),
  }));
}

describe('one copy of each rule: the SQL forms statements use agree with the TypeScript rules', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: workerDatabaseUrl() });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  it('effectiveRatingsSql gives the ratings effectiveValues gives, for 300 generated scorecards and their amendments', async () => {
    const cards = cases(300);
    // Amendments listed newest first: the SQL must go by sequence, not by the order rows come in.
    const amendments = cards.flatMap((card) => [...card.amendments].reverse().map((amendment) => ({ scorecardId: card.id, ...amendment })));
    const { rows } = await client.query<{ scorecard_id: string; pillar_id: string; rating: string | null }>(
      `WITH input AS (SELECT $1::jsonb AS cards, $2::jsonb AS amendments),
       cards AS (SELECT (c->>'id')::uuid AS id, c->'ratings' AS ratings FROM input, jsonb_array_elements(input.cards) c),
       am AS (
         SELECT (a->>'scorecardId')::uuid AS scorecard_id, (a->>'sequence')::int AS sequence,
                (CASE WHEN jsonb_typeof(a->'ratings') = 'null' THEN NULL ELSE a->'ratings' END) AS ratings
           FROM input, jsonb_array_elements(input.amendments) a
       )
       SELECT scorecard_id, pillar_id, rating FROM (${effectiveRatingsSql('cards', 'am')}) e`,
      [JSON.stringify(cards.map(({ id, ratings }) => ({ id, ratings }))), JSON.stringify(amendments)],
    );
    const fromSql = new Map<string, Record<string, string | null>>();
    for (const row of rows) fromSql.set(row.scorecard_id, { ...fromSql.get(row.scorecard_id), [row.pillar_id]: row.rating });
    let amendedPillars = 0;
    for (const card of cards) {
      const effective = effectiveValues({ ratings: card.ratings, recommendation: null, summary: null }, card.amendments);
      const expected = Object.fromEntries(effective.ratings.map((rating) => [rating.pillarId, rating.rating]));
      expect({ card: card.id, ratings: fromSql.get(card.id) ?? {} }).toEqual({ card: card.id, ratings: expected });
      amendedPillars += card.amendments.flatMap((amendment) => amendment.ratings ?? []).length;
    }
    // The generated cases do exercise amendments (and pillars first rated in one).
    expect(amendedPillars).toBeGreaterThan(100);
  });

  it('ratingValueSql and decisionValueSql give the scales’ values, and nothing for anything else', async () => {
    const ratings: (string | null)[] = [...PILLAR_RATINGS, null, 'maybe'];
    const { rows } = await client.query<{ key: string | null; value: number | null }>(
      `SELECT k.key, ${ratingValueSql('k.key')} AS value FROM unnest($1::text[]) AS k(key)`,
      [ratings],
    );
    expect(rows.map((row) => row.value)).toEqual(ratings.map((rating) => ratingValue(rating as PillarRating | null) ?? null));
    const decisions: (string | null)[] = [...DECISIONS, null];
    const decided = await client.query<{ value: number | null }>(
      `SELECT ${decisionValueSql('k.key')} AS value FROM unnest($1::text[]) AS k(key)`,
      [decisions],
    );
    expect(decided.rows.map((row) => row.value)).toEqual(
      decisions.map((decision) => (decision ? DECISION_VALUE[decision as 'hire'] : null)),
    );
  });

  it('roundDueAtSql gives the due times dueTimes gives: from the later of the end and the scheduling, none without an end', async () => {
    const end = new Date('2026-03-29T00:30:00.123Z');
    const rounds = [
      { endsAt: end, scheduledAt: null },
      { endsAt: end, scheduledAt: new Date(end.getTime() - 86_400_000) },
      // Recorded after the fact: due from the recording, across the change to summer time.
      { endsAt: end, scheduledAt: new Date('2026-03-29T02:15:00.456Z') },
      { endsAt: new Date('2026-10-25T01:59:59.999Z'), scheduledAt: new Date('2026-10-25T01:59:59.999Z') },
      { endsAt: null, scheduledAt: end },
      { endsAt: null, scheduledAt: null },
    ];
    const hours = { rating: 1, writeup: 25 };
    const round = { endsAt: 'e.ends_at', scheduledAt: 'e.scheduled_at' };
    const { rows } = await client.query<{ rating: Date | null; writeup: Date | null }>(
      `SELECT ${roundDueAtSql(round, '$3::int')} AS rating, ${roundDueAtSql(round, '$4::int')} AS writeup
         FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS e(ends_at, scheduled_at, n) ORDER BY e.n`,
      [rounds.map((item) => item.endsAt), rounds.map((item) => item.scheduledAt), hours.rating, hours.writeup],
    );
    expect(rows.map((row) => ({ ratingDueAt: row.rating, writeupDueAt: row.writeup }))).toEqual(rounds.map((item) => dueTimes(item, hours)));
  });

  it('isClosedSql closes the loops isClosed closes', async () => {
    const statuses = ['draft', 'scheduled', 'in_review', 'decided', 'cancelled'];
    const { rows } = await client.query<{ closed: boolean }>(
      `SELECT ${isClosedSql('s.status')} AS closed FROM unnest($1::text[]) WITH ORDINALITY AS s(status, n) ORDER BY s.n`,
      [statuses],
    );
    expect(rows.map((row) => row.closed)).toEqual(statuses.map((status) => isClosed(status)));
    expect(statuses.filter((status) => isClosed(status))).toEqual([...CLOSED_LOOP_STATUSES]);
  });
});
