import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { AnalyticsService, type AnalyticsScope } from './analytics.service.js';
import { DebriefService } from './debrief.service.js';
import { DecisionDto, InterviewerAnalyticsDto, DebriefSummaryDto, OverdueGroupDto, QuestionAnalyticsDto } from './scorecard.dto.js';
import { AnalyticsQueryDto, DecisionInputDto, IncludeShadowsQueryDto } from './scorecard-input.dto.js';

const analyticsScope = (query: AnalyticsQueryDto): AnalyticsScope => ({
  ...(query.positionId ? { positionId: query.positionId } : {}),
  ...(query.from ? { from: new Date(query.from) } : {}),
  ...(query.to ? { to: new Date(query.to) } : {}),
});

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller()
export class DebriefController {
  constructor(
    private readonly debrief: DebriefService,
    private readonly analytics: AnalyticsService,
  ) {}

  /**
   * Per pillar each round's rating, mean, spread and disagreements (2+ points); the recommendation tally; what is
   * missing or late. Staff who interview or shadow on this loop get 403 SUBMIT_YOURS_FIRST until they submit their own.
   */
  @Allow('admin', 'hiring_manager', 'recruiter')
  @Get('loops/:id/summary')
  summary(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() query: IncludeShadowsQueryDto): Promise<DebriefSummaryDto> {
    return this.debrief.summary(actor, id, query.includeShadows ?? false);
  }

  /**
   * Hire or no hire (the position's hiring manager or an admin). 409 SCORECARDS_MISSING while a scheduled round lacks
   * its interviewer's submitted scorecard or no scorecard is submitted at all (`details.rounds`, `details.submittedCount`),
   * unless `force` with a note (400 without one).
   */
  @Allow('admin', 'hiring_manager')
  @Post('loops/:id/decision')
  @HttpCode(HttpStatus.OK)
  decide(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: DecisionInputDto): Promise<DecisionDto> {
    return this.debrief.decide(actor, id, body);
  }

  /** Late scorecards by interviewer: rating overdue (no recommendation yet) and write-up overdue (not submitted). */
  @Allow('admin', 'hiring_manager', 'recruiter')
  @Get('scorecards/overdue')
  overdue(@CurrentActor() actor: Actor, @Query() query: IncludeShadowsQueryDto): Promise<OverdueGroupDto[]> {
    return this.debrief.overdue(actor, query.includeShadows ?? false);
  }

  /**
   * Aggregates over the organization (no loop's ratings one by one, so no blind rule). Per interviewer and pillar: count, mean, offset from the organization's mean with a 95% interval, strong share, on-time rate, median hours.
   *
   * The adjusted offset is the interviewer's leniency with the candidates' abilities taken out: over the submitted, non-shadow scorecards with amendments applied, rating = pillar mean + candidate ability (+ candidate·pillar deviation where a candidate has two ratings of one pillar) + interviewer leniency + interviewer·pillar deviation + noise, a linear mixed model solved by Henderson's equations with its variances estimated by EM-REML. Abilities are in effect fixed (who interviews whom is not random: senior interviewers see stronger candidates, and a shrunk ability would leave part of itself in their offsets); the leniencies are random, so an interviewer's pillar offset is pulled towards their offset over all pillars by as much as the estimated variances say (the best linear unbiased predictor), and offsets are centred over each pillar's ratings. Where the questions asked have their own ratings, each question gets a loading (the slope of its rating on the candidate's adjusted ratings in the loop's other rounds, relative to the median question's, shrunk toward 1, within 0..1.5), and a pillar rating counts the candidate's ability by the mean loading of its questions, so a rating made partly from a question that tells nothing is not read as ability in full. `overall` weights the pillars by their ratings. The 95% interval is the offset ± t(0.975, n − 1) × its standard error: the prediction error from the fit (which carries the uncertainty of the abilities and the pillar means) plus what the error of the estimated interviewer and interviewer·pillar variances adds (Prasad–Rao: twice the Kackar–Harville term, from refits at nearby variances). `adjustedEnoughData` (and `overall.enoughData`) needs 12 ratings whatever `minCount` is: 12 is about where a pillar's own ratings carry at least half of its offset against the pull towards the interviewer's other pillars (that pull is σ²_noise/σ²_pillar-deviation ratings' worth: 9–19 in the simulation); the intervals below 12 still covered 88–99% there, but say more about the interviewer than about the pillar. Treating 1s and 4s as censored (Tobit-style EM) was measured and left out: it did not raise the correlation with the planted leniency. The figures come from the organization's calibration snapshot (`computedAt`), which the worker refits after scorecards are submitted or amended; they cover the whole organization whatever the position or period asked for.
   */
  @Allow('admin', 'hiring_manager')
  @Get('analytics/interviewers')
  interviewers(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto): Promise<InterviewerAnalyticsDto> {
    return this.analytics.interviewers(actor, query.minCount, analyticsScope(query));
  }

  /**
   * Per question: times asked, mean rating, and the point-biserial correlation of its ratings with hire decisions.
   *
   * From the calibration snapshot (`computedAt`): `discrimination` is the Pearson correlation of the question's rating (its own where the interviewer gave one, `ownRatings` of them, else its pillar's), less the pillar mean and the interviewer's leniency (leave-one-out: without this candidate's own pull on it, which would otherwise lend a useless question a correlation with the candidate's other rounds), with the mean of the same candidate's adjusted ratings in the loop's other rounds, with a 95% Fisher-z interval; `decisionDiscrimination` the same against the decision. `lowSignal` when the interval's upper end is below `lowSignalThreshold` (0.3); `signalRank` 1 is the most discriminating. `possibleLeak`: the question's ratings, less leniency and the candidate's ability from the other rounds, in the order of the rounds' times, get a change-point test (the largest two-sample t of after − before over the split points, p from 1,999 permutations), then Benjamini–Hochberg at 5% across the questions; a rise that passes is flagged with its date, size and p.
   */
  @Allow('admin', 'hiring_manager')
  @Get('analytics/questions')
  questions(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto): Promise<QuestionAnalyticsDto> {
    return this.analytics.questions(actor, query.minCount, analyticsScope(query));
  }
}
