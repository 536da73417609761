import { conflict, type AppError } from '@loopwright/core';

export const pillarKeyTaken = (key: string): AppError =>
  conflict('PILLAR_KEY_TAKEN', `A pillar with the key "${key}" already exists in this organization`, { key });

export const pillarInUse = (usedBy: string[]): AppError =>
  conflict('PILLAR_IN_USE', `This pillar is still used by ${usedBy.join(', ')}: move or delete those first`, { usedBy });
