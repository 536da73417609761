import { Injectable } from '@nestjs/common';
import { hasRole, UsersService, type Actor } from '@loopwright/identity';
import { ListLoopsQueryDto, LoopsService, type LoopListItemDto } from '@loopwright/loops';
import { DebriefService } from '@loopwright/scorecards';
import { MyInterviewsPage, type RoundItem } from '../interviews/my-interviews.page.js';
import { shellFor, type PageView } from '../shell/shell.js';
import { firstRunSteps, takesFirstSteps, type FirstRunStep } from './first-run.js';

export interface LoopItem {
  candidateName: string;
  positionTitle: string;
}

export interface HomeView extends PageView {
  firstName: string;
  timeZone: string;
  /** Interviewer: rounds still to come today, and feedback due; null for someone who does not interview. */
  interviewer: { today: RoundItem[]; feedbackDue: RoundItem[] } | null;
  /** Hiring manager (and admin): loops whose rounds are held and that wait for a decision. */
  awaitingDecision: LoopItem[] | null;
  /** Recruiter (and admin): loops still to schedule, and interviewers with overdue scorecards. */
  recruiter: { toSchedule: LoopItem[]; overdue: { interviewerName: string; count: number }[] } | null;
  nothingToDo: boolean;
  /** A new organization's next steps that this person can take (empty once it is set up). */
  firstRun: FirstRunStep[];
}

const LIST_LIMIT = 20;

/** What needs the person now, by role (WEB.md's `GET /app`). */
@Injectable()
export class HomePage {
  constructor(
    private readonly users: UsersService,
    private readonly interviews: MyInterviewsPage,
    private readonly loops: LoopsService,
    private readonly debrief: DebriefService,
  ) {}

  async view(actor: Actor, path: string): Promise<HomeView> {
    const me = await this.users.me(actor);
    const [interviews, awaitingDecision, toSchedule, overdue, firstRun] = await Promise.all([
      hasRole(actor, 'interviewer') ? this.interviews.load(actor, me.timezone) : null,
      hasRole(actor, 'hiring_manager', 'admin') ? this.loopsWithStatus(actor, 'in_review') : null,
      hasRole(actor, 'recruiter', 'admin') ? this.loopsWithStatus(actor, 'draft') : null,
      hasRole(actor, 'recruiter', 'admin') ? this.debrief.overdue(actor, false) : null,
      this.firstRun(actor),
    ]);
    const interviewer = interviews
      ? { today: interviews.upcoming.filter((round) => round.today), feedbackDue: interviews.needsFeedback }
      : null;
    const recruiter =
      toSchedule && overdue
        ? {
            toSchedule,
            overdue: overdue.map((group) => ({
              interviewerName: group.interviewer.name,
              count: new Set([...group.ratingOverdue, ...group.writeupOverdue].map((item) => item.roundId)).size,
            })),
          }
        : null;
    const empty = (list: unknown[] | undefined | null): boolean => !list || list.length === 0;
    return {
      title: 'Home',
      shell: shellFor(actor, path, me.name),
      firstName: me.name.split(/\s+/)[0] ?? me.name,
      timeZone: me.timezone,
      interviewer,
      awaitingDecision,
      recruiter,
      firstRun,
      nothingToDo:
        firstRun.length === 0 &&
        empty(interviewer?.today) &&
        empty(interviewer?.feedbackDue) &&
        empty(awaitingDecision) &&
        empty(recruiter?.toSchedule) &&
        empty(recruiter?.overdue),
    };
  }

  private async firstRun(actor: Actor): Promise<FirstRunStep[]> {
    if (!takesFirstSteps(actor.roles)) return [];
    const [interviewers, setup] = await Promise.all([
      this.users.interviewerCounts(actor.organizationId),
      this.loops.setupCounts(actor.organizationId),
    ]);
    return firstRunSteps(
      { activeInterviewers: interviewers.active, qualifiedInterviewers: interviewers.qualified, positions: setup.positions, loops: setup.loops },
      actor.roles,
    );
  }

  private async loopsWithStatus(actor: Actor, status: 'in_review' | 'draft'): Promise<LoopItem[]> {
    const page = await this.loops.list(actor, Object.assign(new ListLoopsQueryDto(), { status, limit: LIST_LIMIT }));
    return page.items.map((loop: LoopListItemDto) => ({ candidateName: loop.candidate.name, positionTitle: loop.position.title }));
  }
}
