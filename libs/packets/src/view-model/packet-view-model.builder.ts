import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { Clock, notFound } from '@loopwright/core';
import { poolQuery, SqlParams } from '@loopwright/database';
import { UsersService, type Actor } from '@loopwright/identity';
import { LoopsService, type LoopForReport } from '@loopwright/loops';
import { QuestionsService, type Catalog } from '@loopwright/question-bank';
import {
  DECISION_LABELS,
  effectiveValues,
  ScorecardsService,
  tallyOf,
  type Amendable,
  type LoopRecord,
  type SubmittedScorecard,
} from '@loopwright/scorecards';
import {
  buildPacketMatrix,
  humanize,
  LOOP_STATUS_LABELS,
  ratingLabel,
  roleFamilyLabel,
  roundProgress,
  type PacketAmendmentChange,
  type PacketPillar,
  type PacketRound,
  type PacketViewModel,
} from '../packet-view-model.js';

export interface PacketOptions {
  /** "Interviewer 1, 2, ..." instead of names. */
  redactInterviewers: boolean;
  /** Shadows' scorecards as rounds of their own. */
  includeShadows: boolean;
  /** Checked against the blind rule on the loop as read (403 SUBMIT_YOURS_FIRST), before anything else is read. */
  reader?: Actor;
}

/**
 * Everything a packet is made of, as read, and nothing else: `assemble` is a function of these and the options
 * alone (plain data, so that RenderedPacketCache can key a render by them without assembling the packet).
 */
export interface PacketInputs {
  /** The minute of the read: `generatedAt` (a packet read twice in one minute is the same packet). */
  generatedAt: string;
  loop: LoopForReport;
  record: LoopRecord;
  organizationName: string;
  /** The names of the hiring manager, interviewers and authors, as `[userId, name]`. */
  names: [string, string][];
  /** The organization's pillars in their order. */
  pillars: { id: string; key: string; name: string }[];
  /** The question versions asked, with the question's title. */
  versions: { questionId: string; version: number; title: string; prompt: string }[];
}

/** What the directory and the catalog are asked for, found in the loop and its record. */
export interface PacketReferences {
  /** The hiring manager, the interviewers and the authors, in that order. */
  people: string[];
  /** The question versions asked, each once, in the order first asked. */
  asked: { questionId: string; version: number }[];
}

/** The versions of the four reads (each owner's `rowsVersionSql` of its read): equal versions, equal rows. */
export interface PacketVersions {
  /** Null: the loop is not in the organization. */
  loop: string | null;
  record: string | null;
  /** Null until read for the references (and for no such organization). */
  directory: string | null;
  catalog: string | null;
}

/** Inputs as read, with what proves them current: the versions of their reads and what the last two were asked for. */
export interface VersionedPacketInputs {
  inputs: PacketInputs;
  versions: PacketVersions;
  references: PacketReferences;
}

export interface CurrentPacketInputs {
  read: VersionedPacketInputs;
  /** True when the inputs are those kept, generatedAt and the loop's status included: a render of them still holds. */
  unchanged: boolean;
}

export interface BuiltPacket {
  viewModel: PacketViewModel;
  /** For the access rule: the position's hiring manager may read the packet. */
  hiringManagerId: string;
  /** For the access log: whose packet it is. */
  candidateId: string;
}

type ReportRound = LoopForReport['rounds'][number];

/** One line of the packet: a round with one of its submitted scorecards (the interviewer's, or a shadow's), or with none. */
interface PacketLine {
  round: ReportRound;
  card: SubmittedScorecard | null;
}

const toTheMinute = (at: Date): string => new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString();

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

function referencesOf(loop: LoopForReport, record: LoopRecord): PacketReferences {
  const asked = new Map(
    record.scorecards.flatMap((card) =>
      card.questionsAsked.map(({ questionId, version }) => [`${questionId}:${version}`, { questionId, version }] as const),
    ),
  );
  const people = [
    loop.position.hiringManagerId,
    ...loop.rounds.flatMap((round) => (round.interviewerId ? [round.interviewerId] : [])),
    ...record.scorecards.map((card) => card.authorId),
  ];
  return { people, asked: [...asked.values()] };
}

const sameReferences = (a: PacketReferences, b: PacketReferences): boolean =>
  a.people.length === b.people.length &&
  a.people.every((id, index) => id === b.people[index]) &&
  a.asked.length === b.asked.length &&
  a.asked.every((ref, index) => ref.questionId === b.asked[index]?.questionId && ref.version === b.asked[index]?.version);

type DirectoryPart = Pick<PacketInputs, 'organizationName' | 'names'>;
type CatalogPart = Pick<PacketInputs, 'pillars' | 'versions'>;

const directoryPart = (directory: { organizationName: string; names: Map<string, string> } | null): DirectoryPart => ({
  organizationName: directory?.organizationName ?? '',
  // By id: the statement names no order, and the same names must make the same inputs.
  names: [...(directory?.names ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
});

const catalogPart = (catalog: Catalog): CatalogPart => ({
  pillars: catalog.pillars.map(({ id, key, name }) => ({ id, key, name })),
  versions: catalog.versions.map(({ questionId, version, title, prompt }) => ({ questionId, version, title, prompt })),
});

/**
 * What each amendment changed, as people read it: the values before it (the submitted ones with the earlier
 * amendments applied, by `effectiveValues`) against the values it set. An amendment stores only the new values.
 */
function amendmentChanges(card: SubmittedScorecard, pillarName: (pillarId: string) => string | null): PacketAmendmentChange[][] {
  const submitted: Amendable = { ratings: card.ratings, recommendation: card.recommendation, summary: card.summary };
  return card.amendments.map((amendment, index) => {
    const before = effectiveValues(submitted, card.amendments.slice(0, index));
    const changes: PacketAmendmentChange[] = [];
    for (const rating of amendment.ratings ?? []) {
      const name = pillarName(rating.pillarId);
      if (name === null) continue;
      const was = before.ratings.find((item) => item.pillarId === rating.pillarId);
      if ((was?.rating ?? null) !== (rating.rating ?? null))
        changes.push({ field: 'rating', label: name, before: ratingLabel(was?.rating), after: ratingLabel(rating.rating) });
      if ((was?.notes ?? '') !== (rating.notes ?? ''))
        changes.push({ field: 'evidence', label: `${name} evidence`, before: was?.notes ?? '', after: rating.notes ?? '' });
    }
    if (amendment.recommendation !== null && amendment.recommendation !== before.recommendation)
      changes.push({
        field: 'recommendation',
        label: 'Recommendation',
        before: ratingLabel(before.recommendation),
        after: ratingLabel(amendment.recommendation),
      });
    if (amendment.summary !== null && amendment.summary !== before.summary)
      changes.push({ field: 'summary', label: 'Summary', before: before.summary ?? '', after: amendment.summary });
    return changes;
  });
}

/**
 * Turns a loop into the plain, serializable packet view model (API.md), with only what a packet may show:
 * submitted scorecards, amendments applied and listed, shadows only when asked, names redacted when asked.
 * Everything comes from the owning features, in four statements on one connection whatever the number of rounds
 * (`read`): the loop (loops) and its record (scorecards), then the names (identity) and the pillars with the asked
 * question versions (question bank). With a `reader`, the blind rule is checked on the first two, with no statement of
 * its own. `assemble` makes the view model of what was read, with no statement.
 *
 * `readCurrent` reads again only what changed since inputs it is given: one statement asks the four owners for the
 * versions of their reads now (each a hash of exactly the rows its read returns, computed by PostgreSQL over the
 * read's own SQL), and a read whose version is the one kept is not issued. The directory and catalog versions are
 * asked for the references (people, asked question versions) kept with them: while the loop's and the record's
 * versions hold, their rows are the same, so are the references. A read that is issued brings its version in the
 * same statement (one snapshot), so a version kept is always that of the rows kept with it.
 */
@Injectable()
export class PacketViewModelBuilder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loops: LoopsService,
    private readonly scorecards: ScorecardsService,
    private readonly users: UsersService,
    private readonly questions: QuestionsService,
    private readonly clock: Clock,
  ) {}

  async build(organizationId: string, loopId: string, options: PacketOptions): Promise<BuiltPacket> {
    return this.assemble(await this.read(organizationId, loopId, options), options);
  }

  async read(organizationId: string, loopId: string, options: Pick<PacketOptions, 'includeShadows' | 'reader'>): Promise<PacketInputs> {
    // One connection for the four reads instead of one from the pool for each: they would queue for the CPU anyway.
    const runner = this.dataSource.createQueryRunner();
    try {
      const { manager } = runner;
      const loop = await this.loops.loopForReport(organizationId, loopId, manager);
      if (!loop) throw notFound('Loop');
      const record = await this.scorecards.loopRecord(organizationId, loopId, { includeShadows: options.includeShadows }, manager);
      if (options.reader) this.scorecards.assertMayReadOthersOfRecord(options.reader, loop.rounds, record);
      const references = referencesOf(loop, record);
      const directory = directoryPart(await this.users.directory(organizationId, references.people, manager));
      const catalog = catalogPart(await this.questions.catalog(organizationId, { versions: references.asked }, manager));
      return { generatedAt: toTheMinute(this.clock.now()), loop, record, ...directory, ...catalog };
    } finally {
      await runner.release();
    }
  }

  /**
   * The inputs `read` would give, with the versions of their reads, reusing the parts of `kept` whose versions still
   * hold: one statement when nothing changed (the versions, for the references kept), one more per read that changed
   * (the read with its version, in the same statement), the four reads alone without `kept`. The blind rule is checked on the loop and record
   * as they are now, read or proved unchanged, before the directory and the catalog are read.
   */
  async readCurrent(
    organizationId: string,
    loopId: string,
    options: Pick<PacketOptions, 'includeShadows' | 'reader'>,
    kept?: VersionedPacketInputs,
  ): Promise<CurrentPacketInputs> {
    const shadows = { includeShadows: options.includeShadows };
    let runner: QueryRunner | undefined;
    // A connection of its own only for reads: the versions alone go through the pool.
    const reads = (): EntityManager => (runner ??= this.dataSource.createQueryRunner()).manager;
    try {
      const now = kept ? await this.versionsOf(organizationId, loopId, shadows, kept.references) : null;
      if (now && now.loop === null) throw notFound('Loop');
      const sameLoop = kept !== undefined && now?.loop === kept.versions.loop;
      const sameRecord = kept !== undefined && now?.record === kept.versions.record;
      const versions: PacketVersions = { loop: null, record: null, directory: null, catalog: null };
      let loop: LoopForReport;
      if (sameLoop) {
        loop = this.loops.reportAsOf(kept.inputs.loop);
        versions.loop = kept.versions.loop;
      } else {
        const read = await this.loops.versionedLoopForReport(organizationId, loopId, reads());
        if (!read) throw notFound('Loop');
        ({ report: loop, version: versions.loop } = read);
      }
      let record: LoopRecord;
      if (sameRecord) {
        record = kept.inputs.record;
        versions.record = kept.versions.record;
      } else {
        ({ record, version: versions.record } = await this.scorecards.versionedLoopRecord(organizationId, loopId, shadows, reads()));
      }
      if (options.reader) this.scorecards.assertMayReadOthersOfRecord(options.reader, loop.rounds, record);

      // The kept references are these while the loop and record are the same; otherwise they may be, or not.
      const sameHead = sameLoop && sameRecord;
      const references = sameHead ? kept.references : referencesOf(loop, record);
      const sameRefs = kept !== undefined && (sameHead || sameReferences(kept.references, references));
      const sameDirectory = sameRefs && now?.directory === kept.versions.directory;
      const sameCatalog = sameRefs && now?.catalog === kept.versions.catalog;
      let directory: DirectoryPart;
      let catalog: CatalogPart;
      if (sameDirectory) {
        directory = kept.inputs;
        versions.directory = kept.versions.directory;
      } else {
        const read = await this.users.versionedDirectory(organizationId, references.people, reads());
        directory = directoryPart(read.directory);
        versions.directory = read.version;
      }
      if (sameCatalog) {
        catalog = kept.inputs;
        versions.catalog = kept.versions.catalog;
      } else {
        const read = await this.questions.versionedCatalog(organizationId, { versions: references.asked }, reads());
        catalog = catalogPart(read.catalog);
        versions.catalog = read.version;
      }
      const inputs: PacketInputs = {
        generatedAt: toTheMinute(this.clock.now()),
        loop,
        record,
        organizationName: directory.organizationName,
        names: directory.names,
        pillars: catalog.pillars,
        versions: catalog.versions,
      };
      const unchanged = sameHead && sameDirectory && sameCatalog && loop === kept.inputs.loop && inputs.generatedAt === kept.inputs.generatedAt;
      return { read: { inputs, versions, references }, unchanged };
    } finally {
      await runner?.release();
    }
  }

  /**
   * The versions of the four reads now, the directory's and the catalog's for `references`: ONE statement of the SQL
   * expressions the owners export for this, naming no table itself.
   */
  private async versionsOf(
    organizationId: string,
    loopId: string,
    shadows: { includeShadows: boolean },
    references: PacketReferences,
  ): Promise<PacketVersions> {
    const params = new SqlParams();
    const [row] = await poolQuery<{ loop: string | null; record: string | null; directory: string | null; catalog: string | null }[]>(
      this.dataSource.manager,
      `SELECT ${this.loops.loopForReportVersionSql(params, organizationId, loopId)} AS loop,
              ${this.scorecards.loopRecordVersionSql(params, organizationId, loopId, shadows)} AS record,
              ${this.users.directoryVersionSql(params, organizationId, references.people)} AS directory,
              ${this.questions.catalogVersionSql(params, organizationId, { versions: references.asked })} AS catalog`,
      params.values,
    );
    return row!;
  }

  assemble(inputs: PacketInputs, options: Pick<PacketOptions, 'redactInterviewers'>): BuiltPacket {
    const { loop, record } = inputs;
    const names = new Map(inputs.names);
    const nameOf = (id: string | null): string | null => (id === null ? null : (names.get(id) ?? null));
    const versions = new Map(inputs.versions.map((version) => [`${version.questionId}:${version.version}`, version]));
    const pillarsById = new Map(inputs.pillars.map((pillar) => [pillar.id, { key: pillar.key, name: pillar.name }]));
    const usedPillarIds = new Set(loop.rounds.flatMap((round) => round.pillarIds));
    const pillars: PacketPillar[] = inputs.pillars
      .filter((pillar) => usedPillarIds.has(pillar.id))
      .map(({ key, name }) => ({ key, name }));

    const aliases = new Map<string, string>();
    const interviewerName = (id: string | null, name: string | null): string => {
      if (!options.redactInterviewers) return name ?? 'Unassigned';
      if (!id) return 'Unassigned';
      if (!aliases.has(id)) aliases.set(id, `Interviewer ${aliases.size + 1}`);
      return aliases.get(id) as string;
    };

    // Each round: its interviewer's scorecard first, then its shadows' by name; a round with none, once, without.
    const lines: PacketLine[] = loop.rounds.flatMap((round): PacketLine[] => {
      const cards = record.scorecards.filter((card) => card.roundId === round.id);
      if (cards.length === 0) return [{ round, card: null }];
      const shadows = cards
        .filter((card) => card.shadow)
        .sort((a, b) => (nameOf(a.authorId) ?? '').localeCompare(nameOf(b.authorId) ?? '') || a.authorId.localeCompare(b.authorId));
      return [...cards.filter((card) => !card.shadow), ...shadows].map((card) => ({ round, card }));
    });

    const rounds: PacketRound[] = lines.map(({ round, card }, index) => {
      const shadow = card?.shadow === true;
      const authorId = shadow ? card.authorId : round.interviewerId;
      const authorName = shadow ? nameOf(card.authorId) : (nameOf(round.interviewerId) ?? nameOf(card?.authorId ?? null));
      const changes = card ? amendmentChanges(card, (id) => pillarsById.get(id)?.name ?? null) : [];
      return {
        number: index + 1,
        title: shadow ? `${round.title} (shadow)` : round.title,
        startsAt: iso(round.startsAt) ?? '',
        endsAt: iso(round.endsAt) ?? '',
        interviewer: { name: interviewerName(authorId, authorName) },
        pillars: round.pillarIds.flatMap((id) => {
          const pillar = pillarsById.get(id);
          return pillar ? [{ ...pillar }] : [];
        }),
        ratings: (card?.effective.ratings ?? []).flatMap((rating) => {
          const pillar = pillarsById.get(rating.pillarId);
          if (!pillar || !rating.rating) return [];
          return [{ pillar: { ...pillar }, rating: rating.rating, ratingLabel: ratingLabel(rating.rating), notes: rating.notes ?? '' }];
        }),
        questions: (card?.questionsAsked ?? []).flatMap((question) => {
          const version = versions.get(`${question.questionId}:${question.version}`);
          const rating = question.rating ?? null;
          return version
            ? [{ title: version.title, prompt: version.prompt, version: question.version, notes: question.notes ?? '', rating, ratingLabel: ratingLabel(rating) }]
            : [];
        }),
        recommendation: card?.effective.recommendation ?? null,
        recommendationLabel: ratingLabel(card?.effective.recommendation ?? null),
        summary: card?.effective.summary ?? null,
        submittedAt: iso(card?.submittedAt ?? null),
        submitted: card !== null,
        amended: (card?.amendments.length ?? 0) > 0,
        amendments: (card?.amendments ?? []).map((amendment, at) => ({
          reason: amendment.reason,
          at: amendment.at.toISOString(),
          changes: changes[at] ?? [],
        })),
      };
    });

    const decision = record.decision;
    return {
      hiringManagerId: loop.position.hiringManagerId,
      candidateId: loop.candidate.id,
      viewModel: {
        generatedAt: inputs.generatedAt,
        organization: { name: inputs.organizationName },
        candidate: { name: loop.candidate.name, email: loop.candidate.email ?? '' },
        position: {
          title: loop.position.title,
          level: loop.position.level,
          levelLabel: humanize(loop.position.level),
          roleFamily: loop.position.roleFamily,
          roleFamilyLabel: roleFamilyLabel(loop.position.roleFamily),
        },
        hiringManager: { name: nameOf(loop.position.hiringManagerId) ?? '' },
        loop: {
          status: loop.status,
          statusLabel: LOOP_STATUS_LABELS[loop.status] ?? loop.status,
          decision: decision?.decision ?? null,
          decisionLabel: decision ? DECISION_LABELS[decision.decision] : '',
          decisionNote: decision?.note ?? null,
          decidedAt: iso(decision?.decidedAt ?? null),
        },
        pillars,
        matrix: buildPacketMatrix(pillars, rounds),
        // A shadow's recommendation is a trainee's: shown with its round, never counted.
        tally: tallyOf(rounds.filter((_round, index) => lines[index]?.card?.shadow !== true).map((round) => round.recommendation)),
        rounds,
        ...roundProgress(rounds),
      },
    };
  }
}
