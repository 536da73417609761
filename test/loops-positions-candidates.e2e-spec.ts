import type { Role } from '@loopwright/identity';
import { as, auditActions, ONE_PER_ROLE, teamSuite } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

/** One user per role and a hiring manager of none of the positions. */
const ROLES: Record<string, Role[]> = { ...ONE_PER_ROLE, otherManager: ['hiring_manager'] };

describe('loops: positions, candidates and conflicts of interest', () => {
  const suite = teamSuite(ROLES, { other: { admin: ['admin'] } });

  const newCandidate = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    name: 'Jordan Rivera',
    email: `Jordan.${randomUUID().slice(0, 8)}@Example.test`,
    phone: '+1 555 0100',
    source: 'referral',
    notes: 'Strong on retrieval systems',
    ...overrides,
  });

  describe('positions', () => {
    it('lets a hiring manager open a position they manage, with an audit event', async () => {
      const response = await as(suite.testApp, suite.team.users.hiringManager)
        .post('/api/positions')
        .send({ title: ' Senior AI Engineer ', roleFamily: 'ai_engineer', level: 'senior' })
        .expect(201);
      expect(response.body).toMatchObject({
        id: expect.any(String),
        title: 'Senior AI Engineer',
        roleFamily: 'ai_engineer',
        level: 'senior',
        hiringManagerId: suite.team.users.hiringManager.id,
        status: 'open',
      });
      expect(await auditActions(suite.testApp, suite.team.organization.id, response.body.id)).toEqual(['position.created']);
      await as(suite.testApp, suite.team.users.recruiter).get(`/api/positions/${response.body.id}`).expect(200);
      const list = await as(suite.testApp, suite.team.users.recruiter).get('/api/positions?status=open').expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toContain(response.body.id);
    });

    it('refuses bad input naming the field, and a hiring manager who is not one', async () => {
      const admin = as(suite.testApp, suite.team.users.admin);
      const bad = await admin
        .post('/api/positions')
        .send({ title: 'X', roleFamily: 'astronaut', level: 'senior', hiringManagerId: suite.team.users.hiringManager.id })
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.fields.map((field: { field: string }) => field.field)).toEqual(['roleFamily']);
      // An admin must name the hiring manager; a recruiter or a user of another organization is not one.
      const missing = await admin.post('/api/positions').send({ title: 'X', roleFamily: 'other', level: 'senior' }).expect(400);
      expect(missing.body.details.fields[0].field).toBe('hiringManagerId');
      for (const hiringManagerId of [suite.team.users.recruiter.id, suite.other.users.admin.id, randomUUID()]) {
        const response = await admin
          .post('/api/positions')
          .send({ title: 'X', roleFamily: 'other', level: 'senior', hiringManagerId })
          .expect(400);
        expect(response.body.details.fields[0].field).toBe('hiringManagerId');
      }
      await admin
        .post('/api/positions')
        .send({ title: 'X', roleFamily: 'other', level: 'senior', hiringManagerId: suite.team.users.hiringManager.id, extra: 1 })
        .expect(400);
      const rows: unknown[] = await suite.testApp.dataSource.query(`SELECT 1 FROM positions WHERE organization_id = $1 AND title = 'X'`, [
        suite.team.organization.id,
      ]);
      expect(rows).toHaveLength(0);
    });

    it('lets only admins and hiring managers create, and only its own hiring manager (or an admin) change a position', async () => {
      await as(suite.testApp, suite.team.users.recruiter).post('/api/positions').send({ title: 'Y', roleFamily: 'other', level: 'mid' }).expect(403);
      await as(suite.testApp, suite.team.users.interviewer).get('/api/positions').expect(403);
      const position = await as(suite.testApp, suite.team.users.hiringManager)
        .post('/api/positions')
        .send({ title: 'ML Engineer', roleFamily: 'ml_engineer', level: 'mid' })
        .expect(201);
      const url = `/api/positions/${position.body.id}`;
      const forbidden = await as(suite.testApp, suite.team.users.otherManager).patch(url).send({ title: 'Hijacked' }).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      await as(suite.testApp, suite.team.users.recruiter).patch(url).send({ title: 'Hijacked' }).expect(403);
      const closed = await as(suite.testApp, suite.team.users.hiringManager).patch(url).send({ status: 'closed', level: 'senior' }).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', level: 'senior', title: 'ML Engineer' });
      await as(suite.testApp, suite.team.users.admin).patch(url).send({ hiringManagerId: suite.team.users.otherManager.id }).expect(200);
      await as(suite.testApp, suite.team.users.otherManager).patch(url).send({ status: 'open' }).expect(200);
      expect(await auditActions(suite.testApp, suite.team.organization.id, position.body.id)).toEqual([
        'position.updated',
        'position.updated',
        'position.updated',
        'position.created',
      ]);
    });

    it('answers 404 for a position of another organization, 400 for an id that is no UUID', async () => {
      const foreign = await as(suite.testApp, suite.other.users.admin)
        .post('/api/positions')
        .send({ title: 'Z', roleFamily: 'other', level: 'mid', hiringManagerId: suite.other.users.admin.id });
      // The other team's admin is no hiring manager; make one there through the other organization's data.
      expect(foreign.status).toBe(400);
      const [row] = await suite.testApp.dataSource.query(
        `INSERT INTO positions (organization_id, title, role_family, level, hiring_manager_id) VALUES ($1, 'Foreign', 'other', 'mid', $2) RETURNING id`,
        [suite.other.organization.id, suite.other.users.admin.id],
      );
      await as(suite.testApp, suite.team.users.admin).get(`/api/positions/${row.id}`).expect(404);
      await as(suite.testApp, suite.team.users.admin).patch(`/api/positions/${row.id}`).send({ title: 'Mine' }).expect(404);
      const list = await as(suite.testApp, suite.team.users.admin).get('/api/positions?limit=200').expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(row.id);
      await as(suite.testApp, suite.team.users.admin).get('/api/positions/not-a-uuid').expect(400);
    });
  });

  describe('candidates', () => {
    it('creates a candidate with the email lowercased, for staff only', async () => {
      const input = newCandidate();
      const response = await as(suite.testApp, suite.team.users.recruiter).post('/api/candidates').send(input).expect(201);
      expect(response.body).toMatchObject({
        name: 'Jordan Rivera',
        email: String(input.email).toLowerCase(),
        phone: '+1 555 0100',
        source: 'referral',
      });
      await as(suite.testApp, suite.team.users.interviewer).post('/api/candidates').send(newCandidate()).expect(403);
      await as(suite.testApp, suite.team.users.interviewer).get('/api/candidates').expect(403);
      await as(suite.testApp, suite.team.users.interviewer).get(`/api/candidates/${response.body.id}`).expect(403);
      await as(suite.testApp, suite.team.users.hiringManager).get(`/api/candidates/${response.body.id}`).expect(200);
      const taken = await as(suite.testApp, suite.team.users.admin)
        .post('/api/candidates')
        .send(newCandidate({ email: String(input.email).toUpperCase() }))
        .expect(409);
      expect(taken.body.code).toBe('CANDIDATE_EMAIL_TAKEN');
      expect(await auditActions(suite.testApp, suite.team.organization.id, response.body.id)).toEqual(['candidate.created']);
    });

    it('updates a candidate, clears optional fields with null, and lists by name prefix', async () => {
      const created = await as(suite.testApp, suite.team.users.recruiter)
        .post('/api/candidates')
        .send(newCandidate({ name: 'Quinn Zephyr' }))
        .expect(201);
      const updated = await as(suite.testApp, suite.team.users.hiringManager)
        .patch(`/api/candidates/${created.body.id}`)
        .send({ phone: null, notes: 'Moved to onsite' })
        .expect(200);
      expect(updated.body).toMatchObject({ phone: null, notes: 'Moved to onsite', source: 'referral' });
      const bad = await as(suite.testApp, suite.team.users.admin)
        .patch(`/api/candidates/${created.body.id}`)
        .send({ email: 'not-an-email' })
        .expect(400);
      expect(bad.body.details.fields[0].field).toBe('email');
      const list = await as(suite.testApp, suite.team.users.admin).get('/api/candidates?q=quinn%20z').expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
      expect(await auditActions(suite.testApp, suite.team.organization.id, created.body.id)).toEqual(['candidate.updated', 'candidate.created']);
    });

    it('keeps candidates of another organization out of sight', async () => {
      const foreign = await as(suite.testApp, suite.other.users.admin).post('/api/candidates').send(newCandidate()).expect(201);
      await as(suite.testApp, suite.team.users.admin).get(`/api/candidates/${foreign.body.id}`).expect(404);
      await as(suite.testApp, suite.team.users.admin).patch(`/api/candidates/${foreign.body.id}`).send({ name: 'Mine' }).expect(404);
      await as(suite.testApp, suite.team.users.admin)
        .post(`/api/candidates/${foreign.body.id}/conflicts`)
        .send({ userId: suite.team.users.admin.id, reason: 'x' })
        .expect(404);
      const list = await as(suite.testApp, suite.team.users.admin).get('/api/candidates?limit=200').expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(foreign.body.id);
    });
  });

  describe('conflicts of interest', () => {
    it('lets anyone declare their own conflict, admins and recruiters anyone’s, once', async () => {
      const candidate = await as(suite.testApp, suite.team.users.recruiter).post('/api/candidates').send(newCandidate()).expect(201);
      const url = `/api/candidates/${candidate.body.id}/conflicts`;
      const own = await as(suite.testApp, suite.team.users.interviewer)
        .post(url)
        .send({ userId: suite.team.users.interviewer.id, reason: 'Former colleague' })
        .expect(201);
      expect(own.body).toMatchObject({
        candidateId: candidate.body.id,
        userId: suite.team.users.interviewer.id,
        reason: 'Former colleague',
        declaredById: suite.team.users.interviewer.id,
      });
      const forbidden = await as(suite.testApp, suite.team.users.interviewer)
        .post(url)
        .send({ userId: suite.team.users.hiringManager.id, reason: 'x' })
        .expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      await as(suite.testApp, suite.team.users.otherManager).post(url).send({ userId: suite.team.users.hiringManager.id, reason: 'x' }).expect(403);
      await as(suite.testApp, suite.team.users.recruiter).post(url).send({ userId: suite.team.users.hiringManager.id, reason: 'Referred them' }).expect(201);
      const again = await as(suite.testApp, suite.team.users.admin).post(url).send({ userId: suite.team.users.interviewer.id, reason: 'again' }).expect(409);
      expect(again.body.code).toBe('CONFLICT_ALREADY_DECLARED');
      const foreignUser = await as(suite.testApp, suite.team.users.admin).post(url).send({ userId: suite.other.users.admin.id, reason: 'x' }).expect(400);
      expect(foreignUser.body.details.fields[0].field).toBe('userId');
      await as(suite.testApp, suite.team.users.admin).post(url).send({ userId: suite.team.users.admin.id, reason: '  ' }).expect(400);
      const list = await as(suite.testApp, suite.team.users.recruiter).get(url).expect(200);
      expect(list.body.map((conflict: { userId: string }) => conflict.userId).sort()).toEqual(
        [suite.team.users.interviewer.id, suite.team.users.hiringManager.id].sort(),
      );
      await as(suite.testApp, suite.team.users.interviewer).get(url).expect(403);
      expect(await auditActions(suite.testApp, suite.team.organization.id, candidate.body.id)).toEqual([
        'candidate.conflict_declared',
        'candidate.conflict_declared',
        'candidate.created',
      ]);
    });
  });
});
