import type { Role } from '@loopwright/identity';
import { as, createTeam, pillarIdsByKey, type Caller, type TestTeam } from './factories.js';
import { createPosition, qualify } from './loop-setup.js';
import type { TestApp } from './test-app.js';

export interface StaffedPosition {
  team: TestTeam;
  /** The team's pillar ids by key. */
  pillars: Record<string, string>;
  positionId: string;
  /** Requests as the team's member `key`. */
  api(key: string): Caller;
}

export interface StaffingInput {
  /** Members qualified on every pillar. */
  qualified: string[];
  /** Members qualified to shadow on every pillar. */
  shadows?: string[];
  /** The position's hiring manager. */
  manager: string;
}

/** A new team of `members` (its first member an admin), its interviewers qualified, and a senior AI Engineer position. */
export async function staffedPosition(testApp: TestApp, members: Readonly<Record<string, readonly Role[]>>, staffing: StaffingInput): Promise<StaffedPosition> {
  const team = await createTeam(testApp, members);
  const api = (key: string): Caller => as(testApp, team.users[key]!);
  const admin = api(Object.keys(members)[0]!);
  const pillars = await pillarIdsByKey(admin);
  const ids = (keys: string[]) => keys.map((key) => team.users[key]!.id);
  await qualify(admin, pillars, ids(staffing.qualified));
  if (staffing.shadows) await qualify(admin, pillars, ids(staffing.shadows), 'shadow');
  const positionId = await createPosition(admin, { title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior', hiringManagerId: team.users[staffing.manager]!.id });
  return { team, pillars, positionId, api };
}
