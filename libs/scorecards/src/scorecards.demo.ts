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

interface DemoCard {
  rating: PillarRating;
  recommendation: Rating;
  /** The evidence written for the round's pillar (by pillar key; `*` for any other). */
  evidence: Record<string, string>;
  summary: string;
  submit: boolean;
  /** An amendment after submission: the author corrects the pillar rating (evidence unchanged). */
  amendment?: { reason: string; rating: PillarRating };
}

const DEMO_CARDS: DemoCard[] = [
  {
    rating: 'yes',
    recommendation: 'yes',
    evidence: {
      foundations:
        'Drew training and validation error against model complexity and placed underfitting and overfitting on it without prompting. ' +
        'Derived scaled dot-product attention and explained why scores are divided by sqrt(d_k) (softmax saturation). On the LoRA ' +
        'follow-up: rank-r update of the attention projections, optimizer state only for the adapters, adapters merged for serving.',
      '*': 'Answered the core of each question and the follow-ups with concrete examples.',
    },
    summary:
      'Precise on the theory and able to say why, not only what. Overall yes rather than strong yes: on tokenization they described ' +
      'BPE well but missed its effect on cost for non-English text until asked.',
    submit: true,
    amendment: {
      reason:
        'Rated from memory at first. Checked against the rubric before the debrief: the strong-yes bar for foundations is the why ' +
        'behind attention scaling plus a correct account of what LoRA saves, and the evidence shows both. The overall yes stands.',
      rating: 'strong_yes',
    },
  },
  {
    rating: 'yes',
    recommendation: 'yes',
    evidence: {
      coding:
        'Working code in about 35 minutes. Bounded concurrency with a semaphore, kept results in input order, retried 429 and 5xx with ' +
        'exponential backoff and jitter, and wrote a fake LLM client to test it. Did not handle a streamed response until asked, then ' +
        'sketched it correctly.',
      '*': 'Working, tested code; explained the trade-offs they made.',
    },
    summary: 'Solid, tested code for the LLM-backed feature; handled timeouts and retries, missed the streaming case.',
    submit: false,
  },
];

/** What the demo interviewers noted per seeded question (by title); other questions get a short generic note. */
const QUESTION_NOTES: Record<string, string> = {
  'Explain the bias-variance tradeoff':
    'Used polynomial degree as the example and tied regularization strength to the same curve. Knew that more data helps variance, not bias.',
  'How does a Transformer work? What are attention mechanisms?':
    'Covered multi-head attention, positional encodings and the KV cache at inference; unsure about pre- vs post-layer norm.',
  'Classification vs regression, with an example algorithm for each':
    'Logistic regression vs linear regression, then noted that logistic regression outputs a probability we threshold.',
  'Choosing evaluation metrics for a highly imbalanced classifier':
    'Rejected accuracy at once; chose precision-recall AUC and recall at a fixed precision, and asked what a missed fraud case costs.',
  'What embeddings are and how vector similarity works':
    'Cosine similarity on normalized vectors; gave negation ("good" vs "not good") as a case where similar vectors mislead.',
  'Tokenization and its effect on LLM behavior':
    'Explained BPE merges well; needed a hint to connect token counts to cost and context limits for non-English text.',
  'LLM decoding strategies: temperature, top-k, top-p and beam search':
    'Greedy for extraction, top-p around 0.9 for drafting; knew beam search tends to repeat in open-ended generation.',
  'Parameter-efficient fine-tuning: how LoRA works and when to use it':
    'Low-rank update of the attention projections, memory saved on optimizer state; would merge adapters for serving.',
  'Implement a simple k-nearest neighbors algorithm from scratch':
    'Vectorized distances with broadcasting, argpartition for the k nearest, stated a tie-break rule. Handled k > n.',
  'Given a dataset of text, write a script to clean it and prepare it for a model':
    'Stripped HTML, normalized Unicode, dropped duplicates by hash and asked whether duplicates with different labels leak.',
  'Compute precision, recall and F1 from raw predictions without libraries':
    'Correct counts; returned 0 instead of dividing by zero when there are no positive predictions, and said so.',
  'Implement scaled dot-product attention with masking':
    'Correct shapes; applied the mask with -inf before the softmax and checked a fully masked row does not produce NaN.',
  'Top-k cosine similarity search over an embedding matrix':
    'Normalized once, one matrix product, argpartition then sort of the k; noted an ANN index past a few million rows.',
  'Split documents into overlapping chunks for retrieval':
    'Chunks never exceed the budget; overlap carried over by tokens. Called count_tokens on the whole buffer each time (slow).',
  'Call a rate-limited LLM API concurrently with retries and backoff':
    'Semaphore for concurrency, results in input order, backoff with jitter on 429; no overall deadline until asked.',
  'Validate and repair structured JSON output from an LLM':
    'Validated against the schema, one repair round trip with the error message, then gave up with a clear error.',
  'Train a byte-pair encoding tokenizer from a small corpus':
    'Correct merge loop on pair counts; recounted all pairs after each merge (slow) and knew how to make it incremental.',
};
const questionNote = (title: string): string => QUESTION_NOTES[title] ?? 'Asked as planned; answered the main question and one follow-up.';

/**
 * The demo loop's held rounds get scorecards a person would believe: the first submitted and then amended
 * (the interviewer adds a follow-up their notes left out), the second a draft, so the summary shows something.
 */
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
    // The first held rounds (the Jordan Rivera loop's, yesterday) get the cards; the demo interviewer's phone screen
    // of today is left for them to write up.
    for (const [index, { id }] of held.slice(0, DEMO_CARDS.length).entries()) {
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
      const titles = new Map(
        (
          await manager.query<{ id: string; title: string }[]>(`SELECT id, title FROM questions WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [
            organizationId,
            round.questions.map((question) => question.questionId),
          ])
        ).map((question) => [question.id, question.title]),
      );
      const saved = await this.scorecards.saveDraft(
        manager,
        organizationId,
        { roundId: id, authorId, version: 1, roundEndsAt: round.ends_at },
        {
          ratings: round.pillars.map((pillar) => ({ pillarId: pillar.id, rating: card.rating, notes: card.evidence[pillar.key] ?? card.evidence['*']! })),
          questionsAsked: pillarId
            ? round.questions.map((question) => ({
                questionId: question.questionId,
                version: question.version,
                pillarId,
                notes: questionNote(titles.get(question.questionId) ?? ''),
              }))
            : [],
          recommendation: card.recommendation,
          summary: card.summary,
        },
        { actorId: authorId, requestId: null },
      );
      if (!saved || !card.submit) continue;
      // Submitted two hours ago (the rounds ended yesterday), so that the amendment an hour later is in the past too.
      const submittedAt = new Date(Math.max(now.getTime() - 2 * 60 * 60_000, (round.ends_at ?? now).getTime()));
      const submitted = await this.scorecards.submit(manager, organizationId, saved.id, saved.version, submittedAt, round.ends_at);
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
      const firstPillar = round.pillars[0];
      if (!card.amendment || !firstPillar) continue;
      // An hour later (at most now) the author amends the pillar rating; evidence and recommendation stay.
      const notes = card.evidence[firstPillar.key] ?? card.evidence['*']!;
      const ratings = [{ pillarId: firstPillar.id, rating: card.amendment.rating, notes }];
      const amendment = await this.scorecards.insertAmendment(manager, organizationId, {
        scorecardId: submitted.id,
        loopId: round.loop_id,
        authorId,
        reason: card.amendment.reason,
        ratings,
        recommendation: null,
        summary: null,
        at: new Date(Math.min(submittedAt.getTime() + 60 * 60_000, now.getTime())),
      });
      await this.audit.record(manager, actor, {
        action: 'scorecard.amended',
        entityType: 'scorecard',
        entityId: submitted.id,
        changes: {
          amendment: { before: null, after: { id: amendment.id, sequence: amendment.sequence, reason: amendment.reason } },
          ratings: { before: null, after: ratings },
        },
      });
    }
  }
}
