import { Injectable } from '@nestjs/common';
import { Clock, notFound } from '@loopwright/core';
import {
  buildPacketMatrix,
  DECISION_LABELS,
  LOOP_STATUS_LABELS,
  humanize,
  ratingLabel,
  roleFamilyLabel,
  roundProgress,
  tallyRecommendations,
  type PacketAmendmentChange,
  type PacketLoopStatus,
  type PacketPillar,
  type PacketRound,
  type PacketViewModel,
  type PillarRating,
  type Rating,
} from '../packet-view-model.js';
import { PacketViewModelRepository, type PacketRoundRow, type StoredRatingRow } from './packet-view-model.repository.js';

export interface PacketOptions {
  /** "Interviewer 1, 2, ..." instead of names. */
  redactInterviewers: boolean;
  /** Shadows' scorecards as rounds of their own. */
  includeShadows: boolean;
}

export interface BuiltPacket {
  viewModel: PacketViewModel;
  /** For the access rule: the position's hiring manager may read the packet. */
  hiringManagerId: string;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

const label = (rating: string | null | undefined): string => ratingLabel((rating ?? null) as PillarRating | null);

/**
 * Ratings as submitted, then each amendment's changes in order; with what each amendment changed (the values
 * before and after it, as people read them), since an amendment stores only the new values.
 */
function effectiveScorecard(
  row: PacketRoundRow,
  pillarName: (pillarId: string) => string | null,
): { ratings: StoredRatingRow[]; recommendation: string | null; summary: string | null; changes: PacketAmendmentChange[][] } {
  const ratings = new Map((row.ratings ?? []).map((rating) => [rating.pillarId, rating]));
  let recommendation = row.recommendation;
  let summary = row.summary;
  const changes: PacketAmendmentChange[][] = [];
  for (const amendment of row.amendments) {
    const own: PacketAmendmentChange[] = [];
    for (const rating of amendment.ratings ?? []) {
      const before = ratings.get(rating.pillarId);
      const name = pillarName(rating.pillarId);
      if (name !== null) {
        if ((before?.rating ?? null) !== (rating.rating ?? null))
          own.push({ field: 'rating', label: name, before: label(before?.rating), after: label(rating.rating) });
        if ((before?.notes ?? '') !== (rating.notes ?? ''))
          own.push({ field: 'evidence', label: `${name} evidence`, before: before?.notes ?? '', after: rating.notes ?? '' });
      }
      ratings.set(rating.pillarId, rating);
    }
    if (amendment.recommendation !== null && amendment.recommendation !== recommendation)
      own.push({ field: 'recommendation', label: 'Recommendation', before: label(recommendation), after: label(amendment.recommendation) });
    if (amendment.summary !== null && amendment.summary !== summary)
      own.push({ field: 'summary', label: 'Summary', before: summary ?? '', after: amendment.summary });
    recommendation = amendment.recommendation ?? recommendation;
    summary = amendment.summary ?? summary;
    changes.push(own);
  }
  return { ratings: [...ratings.values()], recommendation, summary, changes };
}

/**
 * Turns a loop into the plain, serializable packet view model (API.md), with only what a packet may show:
 * submitted scorecards, amendments applied and listed, shadows only when asked, names redacted when asked.
 */
@Injectable()
export class PacketViewModelBuilder {
  constructor(
    private readonly repository: PacketViewModelRepository,
    private readonly clock: Clock,
  ) {}

  async build(organizationId: string, loopId: string, options: PacketOptions): Promise<BuiltPacket> {
    const loop = await this.repository.loop(organizationId, loopId, this.clock.now());
    if (!loop) throw notFound('Loop');
    const rows = await this.repository.rounds(organizationId, loopId, options.includeShadows);
    const refs = rows.flatMap((row) => (row.questions_asked ?? []).map(({ questionId, version }) => ({ questionId, version })));
    const versions = new Map(
      (await this.repository.questionVersions(organizationId, refs)).map((version) => [`${version.question_id}:${version.number}`, version]),
    );

    const pillarsById = new Map(loop.pillars.map((pillar) => [pillar.id, { key: pillar.key, name: pillar.name }]));
    const usedPillarIds = new Set(rows.flatMap((row) => row.pillar_ids));
    const pillars: PacketPillar[] = loop.pillars.filter((pillar) => usedPillarIds.has(pillar.id)).map(({ key, name }) => ({ key, name }));
    const aliases = new Map<string, string>();
    const interviewerName = (id: string | null, name: string | null): string => {
      if (!options.redactInterviewers) return name ?? 'Unassigned';
      if (!id) return 'Unassigned';
      if (!aliases.has(id)) aliases.set(id, `Interviewer ${aliases.size + 1}`);
      return aliases.get(id) as string;
    };

    const rounds: PacketRound[] = rows.map((row, index) => {
      const scorecard = row.author_id ? effectiveScorecard(row, (id) => pillarsById.get(id)?.name ?? null) : null;
      const shadow = row.shadow === true;
      const authorId = shadow ? row.author_id : row.interviewer_id;
      const authorName = shadow ? row.author_name : (row.interviewer_name ?? row.author_name);
      const roundPillars = row.pillar_ids.flatMap((id) => {
        const pillar = pillarsById.get(id);
        return pillar ? [pillar] : [];
      });
      return {
        number: index + 1,
        title: shadow ? `${row.title} (shadow)` : row.title,
        startsAt: iso(row.starts_at) ?? '',
        endsAt: iso(row.ends_at) ?? '',
        interviewer: { name: interviewerName(authorId, authorName) },
        pillars: roundPillars.map((pillar) => ({ ...pillar })),
        ratings: (scorecard?.ratings ?? []).flatMap((rating) => {
          const pillar = pillarsById.get(rating.pillarId);
          if (!pillar || !rating.rating) return [];
          const value = rating.rating as PillarRating;
          return [{ pillar: { ...pillar }, rating: value, ratingLabel: ratingLabel(value), notes: rating.notes ?? '' }];
        }),
        questions: (row.questions_asked ?? []).flatMap((asked) => {
          const version = versions.get(`${asked.questionId}:${asked.version}`);
          return version ? [{ title: version.title, prompt: version.prompt, version: asked.version, notes: asked.notes ?? '' }] : [];
        }),
        recommendation: (scorecard?.recommendation ?? null) as Rating | null,
        recommendationLabel: ratingLabel((scorecard?.recommendation ?? null) as Rating | null),
        summary: scorecard?.summary ?? null,
        submittedAt: iso(row.submitted_at),
        submitted: scorecard !== null,
        amended: row.amendments.length > 0,
        amendments: row.amendments.map((amendment, at) => ({
          reason: amendment.reason,
          at: iso(amendment.at) ?? '',
          changes: scorecard?.changes[at] ?? [],
        })),
      };
    });

    const status = loop.status as PacketLoopStatus;
    return {
      hiringManagerId: loop.hiring_manager_id,
      viewModel: {
        generatedAt: this.clock.now().toISOString(),
        organization: { name: loop.organization_name },
        candidate: { name: loop.candidate_name, email: loop.candidate_email },
        position: {
          title: loop.position_title,
          level: loop.position_level,
          levelLabel: humanize(loop.position_level),
          roleFamily: loop.role_family,
          roleFamilyLabel: roleFamilyLabel(loop.role_family),
        },
        hiringManager: { name: loop.hiring_manager_name ?? '' },
        loop: {
          status,
          statusLabel: LOOP_STATUS_LABELS[status] ?? status,
          decision: loop.decision,
          decisionLabel: loop.decision ? DECISION_LABELS[loop.decision] : '',
          decisionNote: loop.decision_note,
          decidedAt: iso(loop.decided_at),
        },
        pillars,
        matrix: buildPacketMatrix(pillars, rounds),
        // A shadow's recommendation is a trainee's: shown with its round, never counted.
        tally: tallyRecommendations(rounds.filter((_round, index) => rows[index]?.shadow !== true)),
        rounds,
        ...roundProgress(rounds),
      },
    };
  }
}
