import { Clock } from '@loopwright/core';
import { systemActor } from '@loopwright/identity';
import { RetentionService } from '@loopwright/privacy';
import { createCandidate, createLoop, createLoopTemplate, createPosition, teamSuite } from '@loopwright/testing';

const DAY = 86_400_000;

describe('privacy: candidate retention', () => {
  const suite = teamSuite({ admin: ['admin'], recruiter: ['recruiter'], recruiter2: ['recruiter'], hiringManager: ['hiring_manager'] });
  const { api, user } = suite;
  const now = new Date(Date.UTC(2027, 5, 1, 3));
  let positionId: string;
  let templateId: string;

  /** A candidate with one loop per entry: closed that many days before `now`, or open (null). */
  const candidateWith = async (name: string, loops: (number | null)[]): Promise<string> => {
    const candidateId = await createCandidate(api('recruiter'), { name });
    for (const closedDaysAgo of loops) {
      const loop = await createLoop(api('recruiter'), { candidateId, positionId, templateId });
      if (closedDaysAgo === null) continue;
      await api('recruiter').post(`/api/loops/${loop.id}/cancel`).send({ reason: 'closed for the test' }).expect(200);
      await suite.testApp.dataSource.query(`UPDATE loops SET closed_at = $2 WHERE id = $1`, [loop.id, new Date(now.getTime() - closedDaysAgo * DAY)]);
    }
    return candidateId;
  };

  const warnings = async (): Promise<{ recipient_user_id: string; idempotency_key: string; subject: string; text_body: string }[]> =>
    suite.testApp.dataSource.query(
      `SELECT recipient_user_id, idempotency_key, subject, text_body FROM mail_outbox WHERE organization_id = $1 AND kind = 'retention-warning' ORDER BY idempotency_key`,
      [suite.team.organization.id],
    );

  beforeAll(async () => {
    positionId = await createPosition(api('admin'), { title: 'Engineer', roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') });
    templateId = (await createLoopTemplate(api('admin'), [{ title: 'Foundations', pillarIds: [suite.pillars.foundations!], questionCount: 0 }])).id;
  });

  it('is off by default and set by admins only, within 30..3650 days or null', async () => {
    expect((await api('recruiter').get('/api/organization/privacy').expect(200)).body).toEqual({ candidateRetentionDays: null });
    await api('recruiter').patch('/api/organization/privacy').send({ candidateRetentionDays: 90 }).expect(403);
    const refused = await api('admin').patch('/api/organization/privacy').send({ candidateRetentionDays: 10 }).expect(400);
    expect(JSON.stringify(refused.body.details)).toContain('candidateRetentionDays');
    await api('admin').patch('/api/organization/privacy').send({ candidateRetentionDays: 'soon' }).expect(400);
    expect((await api('admin').patch('/api/organization/privacy').send({ candidateRetentionDays: 90 }).expect(200)).body).toEqual({ candidateRetentionDays: 90 });
    expect((await api('admin').patch('/api/organization/privacy').send({ candidateRetentionDays: null }).expect(200)).body).toEqual({ candidateRetentionDays: null });
  });

  it('anonymizes exactly the candidates past the window and warns the recruiters once, 7 days before', async () => {
    const retention = suite.testApp.app.get(RetentionService);
    const clock = suite.testApp.app.get(Clock);
    const realNow = clock.now.bind(clock);
    const past = await candidateWith('Past Window', [200, 40]);
    const soon = await candidateWith('Due Soon', [26]);
    const recent = await candidateWith('Recently Closed', [5]);
    const held = await candidateWith('On Hold', [40]);
    const stillOpen = await candidateWith('Still Interviewing', [40, null]);
    const never = await createCandidate(api('recruiter'), { name: 'Never Interviewed' });
    await api('recruiter').patch(`/api/candidates/${held}`).send({ legalHold: true }).expect(200);

    clock.now = () => now;
    try {
      // Off: nothing happens.
      expect(await retention.run()).toEqual({ anonymized: [], warned: [] });
      await api('admin').patch('/api/organization/privacy').send({ candidateRetentionDays: 30 }).expect(200);
      const first = await retention.run();
      expect(first.anonymized).toEqual([past]);
      expect(first.warned).toEqual([soon]);
      const name = async (id: string) => (await api('recruiter').get(`/api/candidates/${id}`).expect(200)).body.name;
      expect(await name(past)).toMatch(/^Candidate #\d+$/);
      expect(await Promise.all([soon, recent, held, stillOpen, never].map(name))).toEqual(['Due Soon', 'Recently Closed', 'On Hold', 'Still Interviewing', 'Never Interviewed']);
      const [record] = (await api('admin').get(`/api/candidates/${past}/erasures`).expect(200)).body;
      expect(record).toEqual(expect.objectContaining({ mode: 'anonymize', trigger: 'retention', requestedById: null }));

      // One warning per recruiter, with no personal data, and only once.
      const sent = await warnings();
      expect(sent.map((mail) => mail.recipient_user_id).sort()).toEqual([user('recruiter'), user('recruiter2')].sort());
      expect(sent.every((mail) => mail.idempotency_key.startsWith(`retention-warning:${soon}:`))).toBe(true);
      expect(sent[0]!.subject).toContain('5 June 2027');
      expect(sent[0]!.text_body).toContain(`/app/candidates/${soon}`);
      expect(sent[0]!.text_body).not.toContain('Due Soon');
      expect(await retention.scheduledAnonymization(systemActor(suite.team.organization.id), soon)).toEqual(new Date(now.getTime() + 4 * DAY));
      const second = await retention.run();
      expect(second).toEqual({ anonymized: [], warned: [soon] });
      expect(await warnings()).toHaveLength(2);

      // Five days later the warned candidate is past the window too.
      clock.now = () => new Date(now.getTime() + 5 * DAY);
      expect((await retention.run()).anonymized).toEqual([soon]);
      expect(await name(soon)).toMatch(/^Candidate #\d+$/);
      expect(await name(held)).toBe('On Hold');
    } finally {
      clock.now = realNow;
    }
  });
});
