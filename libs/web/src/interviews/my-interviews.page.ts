import { Injectable } from '@nestjs/common';
import { Clock } from '@loopwright/core';
import { UsersService, type Actor } from '@loopwright/identity';
import { isClosed, KitsService, ListAssignmentsQueryDto, type AssignmentDto } from '@loopwright/loops';
import { DebriefService, ScorecardsService } from '@loopwright/scorecards';
import { shellFor, type PageView } from '../shell/shell.js';
import { dayIn, zonedTime, type ZonedTime } from '../time/zoned-time.js';

export interface RoundItem {
  roundId: string;
  href: string;
  candidateName: string;
  title: string;
  positionTitle: string;
  startsAt: ZonedTime | null;
  /** `Starts` before the round ends, `Held` after. */
  whenLabel: 'Starts' | 'Held';
  /** Not ended yet. */
  upcoming: boolean;
  shadow: boolean;
  today: boolean;
  /** Needs feedback: when the write-up (the submitted scorecard) is due, and whether that is past. */
  due: ZonedTime | null;
  overdue: boolean;
  /** When the recommendation was due, if it is late (as `GET /api/scorecards/overdue` counts it); else null. */
  ratingOverdue: ZonedTime | null;
  draftStarted: boolean;
}

export interface MyInterviews {
  timeZone: string;
  upcoming: RoundItem[];
  needsFeedback: RoundItem[];
  submitted: RoundItem[];
  /** More rounds than one page holds: the oldest are not listed. */
  truncated: boolean;
}

/** A calendar feed link just made: shown once (only its hash is kept), as `webcal://` to subscribe and `https://` to copy. */
export interface CalendarFeedLink {
  webcal: string;
  https: string;
}

export interface MyInterviewsView extends PageView, MyInterviews {
  calendarFeed: CalendarFeedLink | null;
}

/** At most this many of my rounds are read (upcoming first, then the latest past ones). */
const MAX_ROUNDS = 200;

/**
 * My rounds in the three sections of WEB.md, in my time zone: Upcoming (not ended yet, not submitted), Needs feedback
 * (ended, not submitted, loop still open; with the due time and an overdue mark), Submitted. Four statements.
 */
@Injectable()
export class MyInterviewsPage {
  constructor(
    private readonly users: UsersService,
    private readonly kits: KitsService,
    private readonly scorecards: ScorecardsService,
    private readonly debrief: DebriefService,
    private readonly clock: Clock,
  ) {}

  async view(actor: Actor, path: string, feedUrl: string | null = null): Promise<MyInterviewsView> {
    const me = await this.users.me(actor);
    const interviews = await this.load(actor, me.timezone);
    const calendarFeed = feedUrl ? { https: feedUrl, webcal: feedUrl.replace(/^https?:\/\//, 'webcal://') } : null;
    return { title: 'My interviews', shell: shellFor(actor, path, me.name), ...interviews, calendarFeed };
  }

  async load(actor: Actor, timeZone: string): Promise<MyInterviews> {
    const page = await this.kits.scheduledAssignments(actor, Object.assign(new ListAssignmentsQueryDto(), { limit: MAX_ROUNDS }));
    const rounds = page.items.map((item) => item.assignment);
    const scheduledAt = new Map(page.items.map((item) => [item.assignment.roundId, item.scheduledAt]));
    const awaiting = rounds.filter((round) => needsFeedback(round));
    const [due, late] = await Promise.all([
      this.scorecards.dueTimes(
        actor,
        awaiting.map((round) => ({ roundId: round.roundId, endsAt: round.endsAt, scheduledAt: scheduledAt.get(round.roundId) ?? null })),
      ),
      awaiting.length > 0 ? this.lateRatings(actor) : new Set<string>(),
    ]);
    const now = this.clock.now();
    const today = dayIn(now, timeZone);
    const item = (round: AssignmentDto): RoundItem => {
      const dueTimes = due.get(round.roundId);
      const writeupDueAt = dueTimes?.writeupDueAt ?? null;
      const startsAt = round.startsAt ? new Date(round.startsAt) : null;
      return {
        roundId: round.roundId,
        href: `/app/rounds/${round.roundId}`,
        candidateName: round.candidate.name,
        title: round.title,
        positionTitle: round.position.title,
        startsAt: startsAt ? zonedTime(startsAt, timeZone) : null,
        whenLabel: round.upcoming ? 'Starts' : 'Held',
        upcoming: round.upcoming,
        shadow: round.shadow,
        today: startsAt !== null && dayIn(startsAt, timeZone) === today,
        due: writeupDueAt ? zonedTime(writeupDueAt, timeZone) : null,
        overdue: writeupDueAt !== null && writeupDueAt.getTime() < now.getTime(),
        ratingOverdue: dueTimes && late.has(round.roundId) ? zonedTime(dueTimes.ratingDueAt, timeZone) : null,
        draftStarted: round.scorecardStatus === 'draft',
      };
    };
    const byDue = (a: RoundItem, b: RoundItem): number => (a.due?.iso ?? '').localeCompare(b.due?.iso ?? '');
    return {
      timeZone,
      upcoming: rounds.filter((round) => round.upcoming && round.scorecardStatus !== 'submitted' && !isClosed(round.loopStatus)).map(item),
      needsFeedback: awaiting.map(item).sort(byDue),
      submitted: rounds.filter((round) => round.scorecardStatus === 'submitted').map(item),
      truncated: page.nextCursor !== null,
    };
  }

  /** The rounds whose recommendation is late for me, by the rule of the overdue report. */
  private async lateRatings(actor: Actor): Promise<Set<string>> {
    const groups = await this.debrief.overdue(actor, true);
    const mine = groups.find((group) => group.interviewer.id === actor.userId);
    return new Set((mine?.ratingOverdue ?? []).map((item) => item.roundId));
  }
}

function needsFeedback(round: AssignmentDto): boolean {
  return !round.upcoming && round.scorecardStatus !== 'submitted' && !isClosed(round.loopStatus);
}
