import { Injectable } from '@nestjs/common';
import { Clock } from '@loopwright/core';
import { systemActor, UsersService, type DemoContext } from '@loopwright/identity';
import { PillarsService } from '@loopwright/question-bank';
import type { EntityManager } from 'typeorm';
import { CandidatesService } from './candidates/candidates.service.js';
import { LoopsService } from './loops/loops.service.js';
import { RoundsService } from './loops/rounds.service.js';
import { PositionsService } from './positions/positions.service.js';

const HOUR = 3_600_000;

/** Qualifications of the demo interviewers, by pillar key. */
const DEMO_QUALIFICATIONS: Record<string, Record<string, 'shadow' | 'qualified'>> = {
  interviewer: { foundations: 'qualified', coding: 'qualified', behavioral: 'shadow' },
  interviewer2: { coding: 'qualified', 'system-design': 'qualified' },
  interviewer3: { 'system-design': 'qualified', foundations: 'qualified', behavioral: 'shadow' },
  hiringManager: { behavioral: 'qualified', 'system-design': 'qualified', foundations: 'shadow' },
};

/** The demo rounds: who interviews, which pillars, and when (hours from today 00:00 UTC; negative is the past). */
const DEMO_ROUNDS = [
  {
    title: 'ML and AI foundations',
    pillarKeys: ['foundations'],
    interviewer: 'interviewer',
    fromToday: -10,
    minutes: 45,
    questionCount: 3,
  },
  {
    title: 'Practical coding: build an LLM-backed feature',
    pillarKeys: ['coding'],
    interviewer: 'interviewer2',
    fromToday: -9,
    minutes: 60,
    questionCount: 2,
  },
  { title: 'AI system design', pillarKeys: ['system-design'], interviewer: 'interviewer3', fromToday: 38, minutes: 75, questionCount: 2 },
  {
    title: 'Behavioral and project deep dive',
    pillarKeys: ['behavioral'],
    interviewer: 'hiringManager',
    fromToday: 40,
    minutes: 45,
    questionCount: 3,
  },
];

/** What the loops demo made, for the demo seeds of the features above (scorecards on its held rounds). */
export interface DemoLoop {
  loopId: string;
}

/**
 * The demo team's hiring: a position managed by the demo hiring manager, two candidates, and one loop in progress
 * (two rounds held yesterday, two tomorrow) staffed with qualified interviewers.
 */
@Injectable()
export class LoopsDemo {
  constructor(
    private readonly positions: PositionsService,
    private readonly candidates: CandidatesService,
    private readonly loops: LoopsService,
    private readonly rounds: RoundsService,
    private readonly pillars: PillarsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** Inside the transaction that creates the demo team, once its organization (with its pillars) and members exist. */
  async seed(manager: EntityManager, demo: DemoContext): Promise<DemoLoop> {
    const organizationId = demo.organization.id;
    const actor = systemActor(organizationId);
    const userId = (key: string): string => {
      const user = demo.users[key];
      if (!user) throw new Error(`The demo team has no member "${key}"`);
      return user.id;
    };
    const pillarId = new Map((await this.pillars.listInOrg(organizationId, manager)).map((pillar) => [pillar.key, pillar.id]));
    for (const [key, levels] of Object.entries(DEMO_QUALIFICATIONS)) {
      const qualifications = Object.entries(levels).flatMap(([pillarKey, level]) => {
        const id = pillarId.get(pillarKey);
        return id ? [{ pillarId: id, level }] : [];
      });
      await this.users.replaceQualificationsInTransaction(manager, actor, userId(key), qualifications);
    }

    const position = await this.positions.createInTransaction(manager, actor, {
      title: 'Senior AI Engineer',
      roleFamily: 'ai_engineer',
      level: 'senior',
      hiringManagerId: userId('hiringManager'),
    });
    const jordan = await this.candidates.createInTransaction(manager, actor, {
      name: 'Jordan Rivera',
      email: 'jordan.rivera@example.com',
      phone: '+1 555 0142',
      source: 'referral',
      notes: 'Built a retrieval-augmented support assistant at their last job.',
    });
    const sam = await this.candidates.createInTransaction(manager, actor, {
      name: 'Sam Patel',
      email: 'sam.patel@example.com',
      source: 'LinkedIn',
      notes: 'Phone screen next week.',
    });
    const loopId = await this.loops.createInTransaction(manager, actor, { candidateId: jordan.id, positionId: position.id });
    const now = this.clock.now();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    for (const round of DEMO_ROUNDS) {
      const startsAt = new Date(today + round.fromToday * HOUR);
      await this.rounds.addInTransaction(manager, actor, loopId, {
        title: round.title,
        pillarIds: round.pillarKeys.flatMap((key) => pillarId.get(key) ?? []),
        questionCount: round.questionCount,
        durationMinutes: round.minutes,
        interviewerId: userId(round.interviewer),
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + round.minutes * 60_000).toISOString(),
      });
    }
    // A phone screen the demo interviewer held two hours ago: the web app's "Needs feedback" has something today.
    const screenId = await this.loops.createInTransaction(manager, actor, { candidateId: sam.id, positionId: position.id });
    const screenStart = new Date(now.getTime() - 2 * HOUR);
    await this.rounds.addInTransaction(manager, actor, screenId, {
      title: 'Phone screen: ML foundations',
      pillarIds: pillarId.has('foundations') ? [pillarId.get('foundations')!] : [],
      questionCount: 2,
      durationMinutes: 45,
      interviewerId: userId('interviewer'),
      startsAt: screenStart.toISOString(),
      endsAt: new Date(screenStart.getTime() + 45 * 60_000).toISOString(),
    });
    return { loopId };
  }
}
