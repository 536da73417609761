import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PillarsService } from '../pillars/pillars.service.js';
import { QuestionsRepository, type NewQuestion } from '../questions/questions.repository.js';
import { readSeedFile } from './seed-files.js';

/** A question as the seed files write it (`source` says where it came from: `article` or `loopwright`). */
export type SeedQuestion = Omit<NewQuestion, 'pillarId'> & { source?: string };

/** One seed file per default pillar, named by its key. */
export const SEED_QUESTION_FILES: Record<string, string> = {
  foundations: 'foundations.json',
  coding: 'coding.json',
  'system-design': 'system-design.json',
  behavioral: 'behavioral.json',
};

export function readSeedQuestions(): { pillarKey: string; questions: SeedQuestion[] }[] {
  return Object.entries(SEED_QUESTION_FILES).map(([pillarKey, file]) => ({ pillarKey, questions: readSeedFile<SeedQuestion[]>(file) }));
}

/** The curated questions every new organization's bank starts with (the article's nine and more), author null. */
@Injectable()
export class QuestionSeed {
  private readonly content = readSeedQuestions();

  constructor(
    private readonly pillars: PillarsService,
    private readonly questions: QuestionsRepository,
  ) {}

  /** The organization-setup step `seed-questions`: a few multi-row INSERTs; pillars missing from the organization are skipped. */
  async seedQuestions(manager: EntityManager, organizationId: string): Promise<string[]> {
    const pillarIds = new Map((await this.pillars.listInOrg(organizationId, manager)).map((pillar) => [pillar.key, pillar.id]));
    const items: NewQuestion[] = this.content.flatMap(({ pillarKey, questions }) => {
      const pillarId = pillarIds.get(pillarKey);
      if (pillarId === undefined) return [];
      return questions.map((question) => ({
        pillarId,
        title: question.title,
        prompt: question.prompt,
        rubric: question.rubric,
        followUps: question.followUps,
        tags: question.tags,
        difficulty: question.difficulty,
        roles: question.roles,
      }));
    });
    return this.questions.insertMany(manager, organizationId, null, items);
  }
}
