import { CandidateConflict } from './candidates/candidate-conflict.entity.js';
import { Candidate } from './candidates/candidate.entity.js';
import { LoopRoundPillar } from './loops/loop-round-pillar.entity.js';
import { LoopRound } from './loops/loop-round.entity.js';
import { Loop } from './loops/loop.entity.js';
import { RoundQuestion } from './loops/round-question.entity.js';
import { RoundShadow } from './loops/round-shadow.entity.js';
import { Position } from './positions/position.entity.js';
import { LoopTemplateRound } from './templates/loop-template-round.entity.js';
import { LoopTemplate } from './templates/loop-template.entity.js';

export const LOOPS_ENTITIES = [
  Position,
  Candidate,
  CandidateConflict,
  LoopTemplate,
  LoopTemplateRound,
  Loop,
  LoopRound,
  LoopRoundPillar,
  RoundShadow,
  RoundQuestion,
];
