import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound, toPage, validationFailed, type FieldProblem, type Page } from '@loopwright/core';
import { BY_NAME, keysetCursor, keysetRows, lockInOrg } from '@loopwright/database';
import { AuditLog, changesBetween, type Actor } from '@loopwright/identity';
import { PillarsService } from '@loopwright/question-bank';
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import type { LoopTemplateInputDto } from './loop-template-input.dto.js';
import type { ListLoopTemplatesQueryDto, LoopTemplateDto } from './loop-template.dto.js';
import { LoopTemplateRound } from './loop-template-round.entity.js';
import { LoopTemplate } from './loop-template.entity.js';

export interface TemplateWithRounds {
  template: LoopTemplate;
  rounds: LoopTemplateRound[];
}

export function toLoopTemplateDto({ template, rounds }: TemplateWithRounds): LoopTemplateDto {
  return {
    id: template.id,
    name: template.name,
    description: template.description,
    rounds: rounds.map((round) => ({
      position: round.position,
      title: round.title,
      durationMinutes: round.durationMinutes,
      pillarIds: round.pillarIds,
      questionCount: round.questionCount,
      tags: round.tags ?? [],
    })),
    createdAt: template.createdAt,
    updatedAt: template.updatedAt,
  };
}

type RoundFields = Pick<LoopTemplateRound, 'title' | 'durationMinutes' | 'pillarIds' | 'questionCount'> & { tags?: string[] };

const summary = (rounds: RoundFields[]): unknown[] =>
  rounds.map(({ title, durationMinutes, pillarIds, questionCount, tags }) => ({ title, durationMinutes, pillarIds, questionCount, tags: tags ?? [] }));

/** Loop templates: ordered rounds a new loop copies. Every organization starts with the two of `DEFAULT_TEMPLATES`. */
@Injectable()
export class LoopTemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pillars: PillarsService,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: LoopTemplateInputDto): Promise<LoopTemplateDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertPillars(manager, actor.organizationId, input);
      const template = manager.create(LoopTemplate, {
        id: randomUUID(),
        organizationId: actor.organizationId,
        name: input.name,
        description: input.description ?? '',
      });
      await manager.insert(LoopTemplate, template);
      await this.insertRounds(manager, actor.organizationId, template.id, input.rounds);
      const saved = await this.findWithRounds(manager, actor.organizationId, template.id);
      if (!saved) throw notFound('Loop template');
      await this.audit.recordCreated(
        manager,
        actor,
        'loop_template',
        template.id,
        { name: saved.template.name, description: saved.template.description, rounds: summary(saved.rounds) },
        ['name', 'description', 'rounds'],
      );
      return toLoopTemplateDto(saved);
    });
  }

  /** Replaces the name, description and rounds; loops made from the template keep the rounds they copied. */
  async replace(actor: Actor, id: string, input: LoopTemplateInputDto): Promise<LoopTemplateDto> {
    return this.dataSource.transaction(async (manager) => {
      const template = await lockInOrg(manager, LoopTemplate, actor.organizationId, id);
      if (!template) throw notFound('Loop template');
      await this.assertPillars(manager, actor.organizationId, input);
      const before = await this.findWithRounds(manager, actor.organizationId, id);
      await manager.update(
        LoopTemplate,
        { organizationId: actor.organizationId, id },
        { name: input.name, description: input.description ?? template.description },
      );
      await manager.delete(LoopTemplateRound, { organizationId: actor.organizationId, templateId: id });
      await this.insertRounds(manager, actor.organizationId, id, input.rounds);
      const after = await this.findWithRounds(manager, actor.organizationId, id);
      if (!before || !after) throw notFound('Loop template');
      const view = (value: TemplateWithRounds): Record<string, unknown> => ({
        name: value.template.name,
        description: value.template.description,
        rounds: summary(value.rounds),
      });
      const changes = changesBetween(view(before), view(after), ['name', 'description', 'rounds']);
      if (Object.keys(changes).length > 0) {
        await this.audit.record(manager, actor, { action: 'loop_template.updated', entityType: 'loop_template', entityId: id, changes });
      }
      return toLoopTemplateDto(after);
    });
  }

  async get(actor: Actor, id: string): Promise<LoopTemplateDto> {
    const found = await this.findWithRounds(this.dataSource.manager, actor.organizationId, id);
    if (!found) throw notFound('Loop template');
    return toLoopTemplateDto(found);
  }

  /** The organization's templates by name, in two statements (templates, then their rounds). */
  async list(actor: Actor, query: ListLoopTemplatesQueryDto): Promise<Page<LoopTemplateDto>> {
    const templates = await keysetRows(
      this.dataSource.manager.createQueryBuilder(LoopTemplate, 't').where('t.organization_id = :organizationId', { organizationId: actor.organizationId }),
      BY_NAME,
      query,
    );
    const shown = templates.slice(0, query.limit).map((template) => template.id);
    const rounds =
      shown.length === 0
        ? []
        : await this.withoutDeletedPillars(
            this.dataSource.manager,
            actor.organizationId,
            await this.dataSource.manager.find(LoopTemplateRound, {
              where: { organizationId: actor.organizationId, templateId: In(shown) },
              order: { position: 'ASC' },
            }),
          );
    return toPage(
      templates,
      query.limit,
      (template) => toLoopTemplateDto({ template, rounds: rounds.filter((round) => round.templateId === template.id) }),
      keysetCursor(BY_NAME),
    );
  }

  /** The template and its rounds in order, or null when it is not in the organization. */
  async findWithRounds(manager: EntityManager, organizationId: string, id: string): Promise<TemplateWithRounds | null> {
    const template = await manager.findOneBy(LoopTemplate, { organizationId, id });
    if (!template) return null;
    const rounds = await manager.find(LoopTemplateRound, { where: { organizationId, templateId: id }, order: { position: 'ASC' } });
    return { template, rounds: await this.withoutDeletedPillars(manager, organizationId, rounds) };
  }

  /** A pillar deleted after the template was written drops out of its rounds. */
  private async withoutDeletedPillars(
    manager: EntityManager,
    organizationId: string,
    rounds: LoopTemplateRound[],
  ): Promise<LoopTemplateRound[]> {
    const existing = await this.pillars.existingPillarIds(manager, organizationId, [
      ...new Set(rounds.flatMap((round) => round.pillarIds)),
    ]);
    return rounds.map((round) => ({ ...round, pillarIds: round.pillarIds.filter((pillarId) => existing.has(pillarId)) }));
  }

  /** The organization-setup step `loop-templates`: the two default templates, pillars looked up by key. */
  async createDefaults(manager: EntityManager, organizationId: string): Promise<void> {
    const pillars = await this.pillars.listInOrg(organizationId, manager);
    const idOf = new Map(pillars.map((pillar) => [pillar.key, pillar.id]));
    for (const defaults of DEFAULT_TEMPLATES) {
      const rounds = defaults.rounds
        .map((round) => ({ ...round, pillarIds: round.pillarKeys.flatMap((key) => idOf.get(key) ?? []) }))
        .filter((round) => round.pillarIds.length > 0);
      if (rounds.length === 0) continue;
      const template = manager.create(LoopTemplate, {
        id: randomUUID(),
        organizationId,
        name: defaults.name,
        description: defaults.description,
      });
      await manager.insert(LoopTemplate, template);
      await this.insertRounds(manager, organizationId, template.id, rounds);
    }
  }

  private async insertRounds(
    manager: EntityManager,
    organizationId: string,
    templateId: string,
    rounds: RoundFields[],
  ): Promise<void> {
    await manager.insert(
      LoopTemplateRound,
      rounds.map((round, position) => ({
        id: randomUUID(),
        organizationId,
        templateId,
        position,
        title: round.title,
        durationMinutes: round.durationMinutes,
        pillarIds: round.pillarIds,
        questionCount: round.questionCount,
        tags: round.tags ?? [],
      })),
    );
  }

  /** Every pillar must be one of this organization's: 400 naming `rounds.<i>.pillarIds` otherwise. */
  private async assertPillars(manager: EntityManager, organizationId: string, input: LoopTemplateInputDto): Promise<void> {
    const known = await this.pillars.existingPillarIds(manager, organizationId, [
      ...new Set(input.rounds.flatMap((round) => round.pillarIds)),
    ]);
    const problems: FieldProblem[] = input.rounds.flatMap((round, index) =>
      round.pillarIds.some((pillarId) => !known.has(pillarId))
        ? [{ field: `rounds.${index}.pillarIds`, problems: ['every pillarId must be a pillar of this organization'] }]
        : [],
    );
    if (problems.length > 0) throw validationFailed(problems);
  }
}
