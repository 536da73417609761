import { toFieldProblems } from '@loopwright/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ImportQuestionDto } from '../questions/import-question.dto.js';
import { readSeedQuestions } from './question-seed.js';
import { readSeedFile, type SeedPillar } from './seed-files.js';

describe('seed questions', () => {
  const content = readSeedQuestions();

  it('has a file for every default pillar, with at least 10 questions each', () => {
    const defaultKeys = readSeedFile<SeedPillar[]>('pillars.json').map((pillar) => pillar.key);
    expect(content.map((file) => file.pillarKey).sort()).toEqual([...defaultKeys].sort());
    for (const file of content) expect(file.questions.length).toBeGreaterThanOrEqual(10);
  });

  it('passes the same validation as an import, so every seeded question could have been typed in', async () => {
    for (const { pillarKey, questions } of content) {
      for (const [index, question] of questions.entries()) {
        const { source: _source, ...row } = question;
        const errors = await validate(plainToInstance(ImportQuestionDto, { ...row, pillar: pillarKey }), { whitelist: true, forbidNonWhitelisted: true });
        expect({ pillarKey, index, problems: toFieldProblems(errors) }).toEqual({ pillarKey, index, problems: [] });
      }
    }
  });

  it('includes the article’s nine example questions, the bias-variance one among them', () => {
    const all = content.flatMap((file) => file.questions);
    expect(all.filter((question) => question.source === 'article')).toHaveLength(9);
    expect(all.some((question) => question.title.toLowerCase().includes('bias-variance'))).toBe(true);
    const titles = all.map((question) => question.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
