import { firstRunSteps, takesFirstSteps, type SetupCounts } from './first-run.js';

const NOTHING: SetupCounts = { activeInterviewers: 0, qualifiedInterviewers: 0, positions: 0, loops: 0 };
const titles = (counts: SetupCounts, ...roles: Parameters<typeof firstRunSteps>[1][number][]): string[] =>
  firstRunSteps(counts, roles).map((step) => step.title);

describe('first-run steps on the home page', () => {
  it('gives a new organization’s admin every step, in order, each with its link', () => {
    const steps = firstRunSteps(NOTHING, ['admin']);
    expect(steps.map((step) => [step.title, step.href])).toEqual([
      ['Add interviewers', '/app/admin/users'],
      ['Record their qualifications', '/app/admin/users'],
      ['Create a position', '/app/positions/new'],
      ['Start a loop', '/app/loops/new'],
    ]);
  });

  it('shows each role only the steps it can take', () => {
    expect(titles(NOTHING, 'hiring_manager')).toEqual(['Create a position', 'Start a loop']);
    expect(titles(NOTHING, 'recruiter')).toEqual(['Start a loop']);
    expect(titles(NOTHING, 'interviewer')).toEqual([]);
    expect(titles(NOTHING, 'recruiter', 'hiring_manager')).toEqual(['Create a position', 'Start a loop']);
  });

  it('drops each step once it is done, and all of them once the organization is set up', () => {
    expect(titles({ ...NOTHING, activeInterviewers: 2 }, 'admin')).toEqual(['Record their qualifications', 'Create a position', 'Start a loop']);
    expect(titles({ ...NOTHING, activeInterviewers: 2, qualifiedInterviewers: 1, positions: 1 }, 'admin')).toEqual(['Start a loop']);
    expect(titles({ activeInterviewers: 2, qualifiedInterviewers: 1, positions: 1, loops: 3 }, 'admin')).toEqual([]);
  });

  it('knows who never takes a first step', () => {
    expect(takesFirstSteps(['interviewer'])).toBe(false);
    expect(takesFirstSteps(['interviewer', 'recruiter'])).toBe(true);
  });
});
