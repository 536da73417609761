import type { Role } from '@loopwright/identity';

/** What the organization has so far, from its owners' counts. */
export interface SetupCounts {
  activeInterviewers: number;
  qualifiedInterviewers: number;
  positions: number;
  loops: number;
}

export interface FirstRunStep {
  title: string;
  text: string;
  href: string;
  linkText: string;
}

interface StepRule extends FirstRunStep {
  /** Who can take the step (the roles of the API route behind it, as far as the linked page allows). */
  roles: readonly Role[];
  done: (counts: SetupCounts) => boolean;
}

const STEPS: readonly StepRule[] = [
  {
    title: 'Add interviewers',
    text: 'Create an account for each person who interviews, with the interviewer role.',
    href: '/app/admin/users',
    linkText: 'Add interviewers',
    roles: ['admin'],
    done: (counts) => counts.activeInterviewers > 0,
  },
  {
    title: 'Record their qualifications',
    text: 'Mark, per pillar, who is qualified to interview and who shadows: only qualified interviewers are suggested for a round.',
    href: '/app/admin/users',
    linkText: 'Record qualifications',
    roles: ['admin'],
    done: (counts) => counts.qualifiedInterviewers > 0,
  },
  {
    title: 'Create a position',
    text: 'The role you are hiring for, with its level and hiring manager.',
    href: '/app/positions/new',
    linkText: 'Create a position',
    roles: ['admin', 'hiring_manager'],
    done: (counts) => counts.positions > 0,
  },
  {
    title: 'Start a loop',
    text: 'Pick a candidate, a position and a template: the rounds and their questions are planned for you.',
    href: '/app/loops/new',
    linkText: 'Start a loop',
    roles: ['admin', 'hiring_manager', 'recruiter'],
    done: (counts) => counts.loops > 0,
  },
];

/** The first steps not taken yet that this person can take, in order; empty once the organization is set up. */
export function firstRunSteps(counts: SetupCounts, roles: readonly Role[]): FirstRunStep[] {
  return STEPS.filter((step) => !step.done(counts) && step.roles.some((role) => roles.includes(role))).map(
    ({ title, text, href, linkText }) => ({ title, text, href, linkText }),
  );
}

/** Whether anyone could see a first step: an interviewer alone takes none, so their home page needs no counts. */
export const takesFirstSteps = (roles: readonly Role[]): boolean => STEPS.some((step) => step.roles.some((role) => roles.includes(role)));
