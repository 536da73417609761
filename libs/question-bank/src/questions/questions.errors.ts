import { conflict, validationFailed, type AppError } from '@loopwright/core';

export const unknownPillar = (field = 'pillarId'): AppError =>
  validationFailed([{ field, problems: [`${field} is not a pillar of this organization`] }]);

export const questionAlreadyRetired = (): AppError => conflict('QUESTION_ALREADY_RETIRED', 'This question is already retired');
