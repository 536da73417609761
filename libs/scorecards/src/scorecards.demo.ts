import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@loopwright/core';
import { AuditLog, DemoSetup, type Actor, type DemoContext } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { QuestionsService } from '@loopwright/question-bank';
import type { EntityManager } from 'typeorm';
import type { PillarRating, Rating } from './scorecard.entity.js';
import { ScorecardsRepository } from './scorecards.repository.js';

/** After the loops demo step (order 30), which makes the demo loop with two rounds held yesterday. */
export const SCORECARDS_DEMO_ORDER = 40;

const DEMO_CARDS: { rating: PillarRating; recommendation: Rating; summary: string; submit: boolean }[] = [
  {
    rating: 'strong_yes',
    recommendation: 'yes',
    summary: 'Clear grasp of the fundamentals: derived the attention cost on the whiteboard and knew when fine-tuning beats prompting.',
    submit: true,
  },
  {
    rating: 'yes',
    recommendation: 'yes',
    summary: 'Solid, tested code for the LLM-backed feature; handled timeouts and retries, missed the streaming case.',
    submit: false,
  },
];

/** The demo loop's held rounds get scorecards: the first submitted, the second a draft, so the summary shows something. */
@Injectable()
export class ScorecardsDemo implements OnModuleInit {
  constructor(
    private readonly demoSetup: DemoSetup,
    private readonly scorecards: ScorecardsRepository,
    private readonly loops: LoopsService,
    private readonly questions: QuestionsService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.demoSetup.register('scorecards-demo', SCORECARDS_DEMO_ORDER, (manager, demo) => this.seed(manager, demo));
  }

  async seed(manager: EntityManager, demo: DemoContext): Promise<void> {
    const organizationId = demo.organization.id;
    const now = this.clock.now();
    const held = await manager.query<{ id: string }[]>(
      `SELECT id FROM loop_rounds WHERE organization_id = $1 AND interviewer_id IS NOT NULL AND ends_at < $2 ORDER BY starts_at, id`,
      [organizationId, now],
    );
    for (const [index, { id }] of held.entries()) {
      const card = DEMO_CARDS[index % DEMO_CARDS.length]!;
      const round = await this.loops.roundContext(manager, organizationId, id);
      if (!round?.interviewer_id) continue;
      const authorId = round.interviewer_id;
      const actor: Actor = { userId: authorId, organizationId, roles: ['interviewer'], requestId: null, tokenId: null };
      const scorecardId = await this.scorecards.createDraft(manager, organizationId, {
        loopId: round.loop_id,
        roundId: id,
        authorId,
        shadow: false,
        roundEndsAt: round.ends_at,
      });
      if (!scorecardId) continue;
      await this.loops.setScorecardStatus(manager, organizationId, id, 'draft');
      const pillarId = round.pillar_ids[0] ?? null;
      const saved = await this.scorecards.saveDraft(
        manager,
        organizationId,
        { roundId: id, authorId, version: 1, roundEndsAt: round.ends_at },
        {
          ratings: round.pillars.map((pillar) => ({ pillarId: pillar.id, rating: card.rating, notes: `Evidence for ${pillar.name}: see the summary.` })),
          questionsAsked: pillarId
            ? round.questions.map((question) => ({ questionId: question.questionId, version: question.version, pillarId, notes: 'Asked as planned.' }))
            : [],
          recommendation: card.recommendation,
          summary: card.summary,
        },
        { actorId: authorId, requestId: null },
      );
      if (!saved || !card.submit) continue;
      const submitted = await this.scorecards.submit(manager, organizationId, saved.id, saved.version, now, round.ends_at);
      if (!submitted) continue;
      if (submitted.questions_asked.length > 0)
        await this.questions.recordExposure(
          manager,
          organizationId,
          submitted.questions_asked.map((question) => ({
            questionId: question.questionId,
            version: question.version,
            candidateId: round.candidate_id,
            loopId: round.loop_id,
            kind: 'asked' as const,
          })),
        );
      await this.loops.setScorecardStatus(manager, organizationId, id, 'submitted');
      await this.audit.record(manager, actor, {
        action: 'scorecard.submitted',
        entityType: 'scorecard',
        entityId: submitted.id,
        changes: { status: { before: 'draft', after: 'submitted' }, roundId: { before: null, after: id } },
      });
    }
  }
}
