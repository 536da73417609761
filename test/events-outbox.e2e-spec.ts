import { AppLogger, Clock } from '@loopwright/core';
import { DOMAIN_EVENT_TYPES, DomainEvents, type DomainEvent } from '@loopwright/events';
import { createTeam, ensureProbeTable, LOOP_TEAM, pillarIdsByKey, ProbeSubscriber, qualify, teamSuite, timeSlot } from '@loopwright/testing';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const slot = (hour: number) => timeSlot(Date.UTC(2025, 4, 5), 0, hour);

interface EventRow {
  sequence: string;
  type: string;
  actor_id: string | null;
  aggregate_type: string;
  aggregate_id: string;
  occurred_at: Date;
  payload: Record<string, unknown>;
}

/** How many events of this type name this candidate. */
const events0 = (events: { type: string; payload: { candidateId?: string } }[], type: string, candidateId: string): number =>
  events.filter((event) => event.type === type && event.payload.candidateId === candidateId).length;

describe('events: the outbox, recorded by the real flows', () => {
  const suite = teamSuite(LOOP_TEAM, { environment: { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'loopwright-events-')) } });
  const { api, user } = suite;
  const recorded = (organizationId = suite.team.organization.id): Promise<EventRow[]> =>
    suite.testApp.dataSource.query(
      'SELECT sequence, type, actor_id, aggregate_type, aggregate_id, occurred_at, payload FROM domain_events WHERE organization_id = $1 ORDER BY sequence',
      [organizationId],
    );

  beforeAll(async () => {
    await ensureProbeTable(suite.testApp.dataSource);
  });

  it('writes an event if and only if its transaction commits', async () => {
    const { organization } = await createTeam(suite.testApp, { admin: ['admin'] });
    const events = suite.testApp.app.get(DomainEvents);
    const origin = { organizationId: organization.id, userId: null };
    const event = { type: 'candidate.updated', payload: { candidateId: randomUUID(), fields: ['name'] } } as const;
    await expect(
      suite.testApp.dataSource.transaction(async (manager) => {
        await events.record(manager, origin, event);
        throw new Error('the change fails after its event was written');
      }),
    ).rejects.toThrow('the change fails');
    expect(await recorded(organization.id)).toEqual([]);
    await suite.testApp.dataSource.transaction((manager) => events.record(manager, origin, event));
    expect((await recorded(organization.id)).map((row) => row.aggregate_id)).toEqual([event.payload.candidateId]);
    // Outside a transaction there is no change for it to belong to.
    await expect(events.record(suite.testApp.dataSource.manager, origin, event)).rejects.toThrow(/inside the transaction/);
  });

  it('records each of the ten events from the API flows (and the export worker), with ids only in the payload', async () => {
    const pillars = await pillarIdsByKey(api('admin'));
    await qualify(api('admin'), pillars, [user('i1'), user('i2')]);
    await qualify(api('admin'), pillars, [user('trainee')], 'shadow');
    const positionId = (
      await api('admin')
        .post('/api/positions')
        .send({ title: 'Data Engineer', roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') })
        .expect(201)
    ).body.id as string;
    const candidate = { name: 'Hedy Lamarr', email: `hedy.${randomUUID().slice(0, 8)}@example.test`, phone: '+1 555 0100' };
    const candidateId = (await api('recruiter').post('/api/candidates').send(candidate).expect(201)).body.id as string;
    const loopId = (await api('recruiter').post('/api/loops').send({ candidateId, positionId }).expect(201)).body.id as string;

    // A worker of its own, woken only through the job queue (its sweep would come in an hour), that tells us when
    // the export is complete.
    process.env.EVENTS_SWEEP_SECONDS = '3600';
    let exportCompleted: (event: DomainEvent) => void = () => undefined;
    const completion = new Promise<DomainEvent>((resolve) => (exportCompleted = resolve));
    // Other test files share this database and export too: only this team's export completes the wait.
    const watcher = new ProbeSubscriber(`export-watch-${randomUUID().slice(0, 8)}`, ['export.completed'], async (event) => {
      if (event.organizationId === suite.team.organization.id) exportCompleted(event);
    });
    // Imported here: its module definition registers a second DataSource, which Nest warns about before the test app's logger is in place.
    const { WorkerModule } = await import('../apps/worker/src/worker.module.js');
    const worker: TestingModule = await Test.createTestingModule({
      imports: [WorkerModule],
      providers: [{ provide: 'export-watch', useValue: watcher }],
    }).compile();
    worker.useLogger(worker.get(AppLogger));
    await worker.init();
    try {
      const rounds = `/api/loops/${loopId}/rounds`;
      const addRound = async (title: string, hour: number): Promise<string> => {
        const loop = (
          await api('recruiter')
            .post(rounds)
            .send({ title, pillarIds: [pillars.coding], interviewerId: user('i1'), ...slot(hour) })
            .expect(201)
        ).body;
        return (loop.rounds as { id: string; title: string }[]).find((round) => round.title === title)!.id;
      };
      const roundA = await addRound('Coding', 9);
      await api('recruiter').patch(`${rounds}/${roundA}`).send(slot(11)).expect(200);
      await api('recruiter')
        .patch(`${rounds}/${roundA}`)
        .send({ interviewerId: user('i2'), shadowInterviewerIds: [user('trainee')] })
        .expect(200);
      const roundB = await addRound('Pairing', 14);
      await api('recruiter').delete(`${rounds}/${roundB}`).expect(200);
      // A refused change records nothing.
      const before = (await recorded()).length;
      await api('recruiter')
        .patch(`${rounds}/${roundA}`)
        .send({ shadowInterviewerIds: [user('i2')] })
        .expect(400);
      expect(await recorded()).toHaveLength(before);

      const clock = suite.testApp.app.get(Clock);
      const realNow = clock.now.bind(clock);
      const updatedAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
      try {
        clock.now = () => updatedAt;
        await api('recruiter')
          .patch(`/api/candidates/${candidateId}`)
          .send({ phone: '+1 555 0199', notes: 'Prefers mornings' })
          .expect(200);
      } finally {
        clock.now = realNow;
      }

      const scorecard = `/api/rounds/${roundA}/scorecard`;
      const { id: scorecardId, version } = (await api('i2').get(scorecard).expect(200)).body;
      const saved = await api('i2')
        .put(scorecard)
        .send({
          version,
          ratings: [{ pillarId: pillars.coding, rating: 'strong_yes', notes: 'Wrote a clean tokenizer' }],
          recommendation: 'strong_yes',
          summary: 'Confident, careful, explained the trade-offs well.',
        })
        .expect(200);
      await api('i2').post(`${scorecard}/submit`).send({ version: saved.body.version }).expect(200);
      const amended = await api('i2')
        .post(`${scorecard}/amendments`)
        .send({ reason: 'Mixed up two candidates', recommendation: 'yes' })
        .expect(201);
      const amendmentId = (amended.body.amendments as { id: string }[]).at(-1)!.id;
      await api('hiringManager').post(`/api/loops/${loopId}/decision`).send({ decision: 'hire' }).expect(200);

      const exportId = (
        await api('admin')
          .post('/api/exports')
          .send({ loopIds: [loopId], format: 'html' })
          .expect(202)
      ).body.id as string;
      const completed = await completion;
      expect(completed).toMatchObject({ type: 'export.completed', actorId: null, payload: { exportId, requestedById: user('admin') } });

      // Erasure requests of two more candidates: one anonymized, one deleted.
      for (const mode of ['anonymize', 'delete'] as const) {
        const erasedId = (await api('recruiter').post('/api/candidates').send({ name: `Erased by ${mode}`, email: `erased.${mode}.${randomUUID().slice(0, 8)}@example.test` }).expect(201)).body.id as string;
        await api('recruiter').post(`/api/candidates/${erasedId}/erasure`).send({ mode, reason: 'Asked to be forgotten' }).expect(201);
        expect(events0(await recorded(), mode === 'anonymize' ? 'candidate.anonymized' : 'candidate.deleted', erasedId)).toBe(1);
      }

      const events = await recorded();
      expect(new Set(events.map((event) => event.type))).toEqual(new Set(DOMAIN_EVENT_TYPES));
      const ofRound = (roundId: string) =>
        events.filter((event) => event.aggregate_type === 'loop_round' && event.aggregate_id === roundId);
      expect(ofRound(roundA).map((event) => [event.type, event.payload.userId ?? null, event.payload.seat ?? null])).toEqual([
        ['round.scheduled', null, null],
        ['interviewer.assigned', user('i1'), 'interviewer'],
        ['round.rescheduled', null, null],
        ['interviewer.unassigned', user('i1'), 'interviewer'],
        ['interviewer.assigned', user('i2'), 'interviewer'],
        ['interviewer.assigned', user('trainee'), 'shadow'],
      ]);
      expect(ofRound(roundB).map((event) => event.type)).toEqual([
        'round.scheduled',
        'interviewer.assigned',
        'round.cancelled',
        'interviewer.unassigned',
      ]);
      for (const event of [...ofRound(roundA), ...ofRound(roundB)]) {
        expect(event.actor_id).toBe(user('recruiter'));
        expect(event.payload.loopId).toBe(loopId);
      }
      const only = (type: string) => {
        const matching = events.filter((event) => event.type === type);
        expect(matching).toHaveLength(1);
        return matching[0]!;
      };
      expect(only('candidate.updated')).toMatchObject({
        actor_id: user('recruiter'),
        occurred_at: updatedAt,
        payload: { candidateId, fields: ['phone', 'notes'] },
      });
      expect(only('scorecard.submitted')).toMatchObject({
        actor_id: user('i2'),
        aggregate_id: scorecardId,
        payload: { loopId, roundId: roundA, scorecardId, authorId: user('i2'), seat: 'interviewer' },
      });
      expect(only('scorecard.amended')).toMatchObject({
        actor_id: user('i2'),
        payload: { loopId, roundId: roundA, scorecardId, amendmentId },
      });
      expect(only('loop.decided')).toMatchObject({
        actor_id: user('hiringManager'),
        aggregate_id: loopId,
        payload: { loopId, candidateId, positionId },
      });
      expect(only('export.completed')).toMatchObject({ actor_id: null, aggregate_type: 'packet_export', aggregate_id: exportId });

      // Ids, seats and field names; never a name, an email, a phone number, notes, a summary or a rating.
      const allowedWords = new Set(['interviewer', 'shadow', 'name', 'email', 'phone', 'source', 'notes']);
      for (const { payload } of events) {
        for (const value of Object.values(payload).flat())
          expect(typeof value === 'string' && (UUID.test(value) || allowedWords.has(value))).toBe(true);
      }
      const text = JSON.stringify(events.map((event) => event.payload));
      const people = Object.values(suite.team.users).flatMap((member) => [member.name, member.email]);
      for (const secret of [
        candidate.name,
        candidate.email,
        candidate.phone,
        '+1 555 0199',
        'Prefers mornings',
        'strong_yes',
        'tokenizer',
        'trade-offs',
        'Mixed up',
        ...people,
      ])
        expect(text).not.toContain(secret);
    } finally {
      await worker.close();
      delete process.env.EVENTS_SWEEP_SECONDS;
    }
  }, 180_000);
});
