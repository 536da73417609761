import { PERSONAL_VALUE } from '@loopwright/identity';
import { roundFor, submitCompleteScorecard, teamSuite } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import { ScrubPersonalAuditValues1796152178592 } from '../migrations/1796152178592-ScrubPersonalAuditValues.js';

/** Every audit event of the organization as text: what a search of the table would find. */
async function auditText(suite: ReturnType<typeof teamSuite>): Promise<string> {
  const rows: { changes: unknown }[] = await suite.testApp.dataSource.query('SELECT changes FROM audit_events WHERE organization_id = $1', [suite.team.organization.id]);
  return JSON.stringify(rows);
}

const changesOf = async (suite: ReturnType<typeof teamSuite>, entityId: string, action: string): Promise<Record<string, { before: unknown; after: unknown }>> => {
  const [row]: { changes: Record<string, { before: unknown; after: unknown }> }[] = await suite.testApp.dataSource.query(
    'SELECT changes FROM audit_events WHERE entity_id = $1 AND action = $2 ORDER BY at DESC LIMIT 1',
    [entityId, action],
  );
  return row!.changes;
};

describe('privacy: audit events keep that personal fields changed, never their values', () => {
  const suite = teamSuite();
  const { api } = suite;

  it('PATCH of a candidate: the old and new name, email, phone, source and notes appear nowhere in audit_events', async () => {
    const mark = randomUUID().slice(0, 8);
    const before = { name: `Zelda Oldname ${mark}`, email: `zelda.${mark}@old.example`, phone: `+44 20 7946 ${mark}`, source: `Referred by Quentin ${mark}`, notes: `Met Zelda at ${mark}` };
    const after = { name: `Zelda Newname ${mark}`, email: `zelda.${mark}@new.example`, phone: `+44 20 7000 ${mark}`, source: `Agency ${mark}x`, notes: `Zelda moved ${mark}` };
    const created = await api('recruiter').post('/api/candidates').send(before).expect(201);
    await api('recruiter').patch(`/api/candidates/${created.body.id}`).send(after).expect(200);
    await api('recruiter').patch(`/api/candidates/${created.body.id}`).send({ phone: null }).expect(200);

    const text = await auditText(suite);
    for (const value of [...Object.values(before), ...Object.values(after)]) expect(text).not.toContain(value);
    expect(text).not.toContain(mark);
    const personal = { before: PERSONAL_VALUE, after: PERSONAL_VALUE };
    expect(await changesOf(suite, created.body.id, 'candidate.created')).toEqual(
      Object.fromEntries(Object.keys(before).map((field) => [field, { before: null, after: PERSONAL_VALUE }])),
    );
    const updates: { changes: unknown }[] = await suite.testApp.dataSource.query(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'candidate.updated' ORDER BY at`,
      [created.body.id],
    );
    expect(updates.map((row) => row.changes)).toEqual([
      { name: personal, email: personal, phone: personal, source: personal, notes: personal },
      { phone: { before: PERSONAL_VALUE, after: null } },
    ]);
  });

  it('free text about a candidate (conflict reason, amendment reason, notes and summary, decision note) and user names and emails neither', async () => {
    const mark = randomUUID().slice(0, 8);
    const fixture = await roundFor(suite.testApp, suite.team, { interviewerKey: 'interviewer', candidateName: `Yusuf ${mark}`, startsAt: new Date(Date.now() - 3 * 3_600_000) });
    await submitCompleteScorecard(suite.testApp, suite.team, 'interviewer', fixture.roundId);
    const { candidateId } = (await api('recruiter').get(`/api/loops/${fixture.loopId}`).expect(200)).body;
    await api('recruiter').post(`/api/candidates/${candidateId}/conflicts`).send({ userId: suite.user('interviewer2'), reason: `Yusuf ${mark} is a cousin` }).expect(201);
    await api('interviewer')
      .post(`/api/rounds/${fixture.roundId}/scorecard/amendments`)
      .send({
        reason: `Yusuf ${mark} sent a correction`,
        summary: `Yusuf ${mark} is stronger than I wrote at first.`,
        ratings: [{ pillarId: suite.pillars.foundations, rating: 'strong_yes', notes: `Yusuf ${mark} derived it` }],
      })
      .expect(201);
    await api('hiringManager').post(`/api/loops/${fixture.loopId}/decision`).send({ decision: 'hire', note: `Yusuf ${mark} starts soon` }).expect(200);
    await api('admin').patch(`/api/users/${suite.user('interviewer3')}`).send({ name: `Xavier ${mark}` }).expect(200);

    const text = await auditText(suite);
    expect(text).not.toContain(mark);
    const [scorecard]: { id: string }[] = await suite.testApp.dataSource.query('SELECT id FROM scorecards WHERE round_id = $1', [fixture.roundId]);
    const amended = await changesOf(suite, scorecard!.id, 'scorecard.amended');
    expect(amended).toMatchObject({
      reason: { before: null, after: PERSONAL_VALUE },
      summary: { before: null, after: PERSONAL_VALUE },
      notes: { before: null, after: PERSONAL_VALUE },
      ratings: { before: null, after: [{ pillarId: suite.pillars.foundations, rating: 'strong_yes' }] },
    });
    expect(await changesOf(suite, candidateId, 'candidate.conflict_declared')).toEqual({
      conflict: { before: null, after: { userId: suite.user('interviewer2') } },
      reason: { before: null, after: PERSONAL_VALUE },
    });
    expect(await changesOf(suite, suite.user('interviewer3'), 'user.updated')).toEqual({ name: { before: PERSONAL_VALUE, after: PERSONAL_VALUE } });
  });

  it('the migration scrubs rows written before: top-level values, reasons nested in conflicts and amendments, amendments’ rating notes', async () => {
    const mark = randomUUID().slice(0, 8);
    const organizationId = suite.team.organization.id;
    const [candidate, conflict, amendment, user, pillar] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const legacy: [string, string, string, unknown][] = [
      [candidate, 'candidate', 'candidate.updated', { name: { before: `Old ${mark}`, after: `New ${mark}` }, phone: { before: null, after: `0170 ${mark}` } }],
      [conflict, 'candidate', 'candidate.conflict_declared', { conflict: { before: null, after: { userId: user, reason: `Knows ${mark}` } } }],
      [
        amendment,
        'scorecard',
        'scorecard.amended',
        {
          amendment: { before: null, after: { id: amendment, sequence: 1, reason: `Fixed ${mark}` } },
          ratings: { before: null, after: [{ pillarId: pillar, rating: 'yes', notes: `Evidence ${mark}` }] },
          summary: { before: null, after: `Summary ${mark}` },
        },
      ],
      [user, 'user', 'user.updated', { email: { before: `a.${mark}@example.test`, after: `b.${mark}@example.test` }, roles: { before: ['interviewer'], after: ['admin'] } }],
    ];
    for (const [entityId, entityType, action, changes] of legacy) {
      await suite.testApp.dataSource.query(
        'INSERT INTO audit_events (organization_id, actor_id, action, entity_type, entity_id, changes) VALUES ($1, NULL, $2, $3, $4, $5)',
        [organizationId, action, entityType, entityId, JSON.stringify(changes)],
      );
    }
    const runner = suite.testApp.dataSource.createQueryRunner();
    try {
      await new ScrubPersonalAuditValues1796152178592().up(runner);
    } finally {
      await runner.release();
    }

    expect(await auditText(suite)).not.toContain(mark);
    expect(await changesOf(suite, candidate, 'candidate.updated')).toEqual({
      name: { before: PERSONAL_VALUE, after: PERSONAL_VALUE },
      phone: { before: null, after: PERSONAL_VALUE },
    });
    expect(await changesOf(suite, conflict, 'candidate.conflict_declared')).toEqual({
      conflict: { before: null, after: { userId: user } },
      reason: { before: null, after: PERSONAL_VALUE },
    });
    expect(await changesOf(suite, amendment, 'scorecard.amended')).toEqual({
      amendment: { before: null, after: { id: amendment, sequence: 1 } },
      reason: { before: null, after: PERSONAL_VALUE },
      ratings: { before: null, after: [{ pillarId: pillar, rating: 'yes' }] },
      notes: { before: null, after: PERSONAL_VALUE },
      summary: { before: null, after: PERSONAL_VALUE },
    });
    expect(await changesOf(suite, user, 'user.updated')).toEqual({
      email: { before: PERSONAL_VALUE, after: PERSONAL_VALUE },
      roles: { before: ['interviewer'], after: ['admin'] },
    });
  });
});
