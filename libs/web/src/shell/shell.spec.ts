import type { Actor, Role } from '@loopwright/identity';
import { shellFor } from './shell.js';

const actor = (...roles: Role[]): Actor => ({ userId: 'u', organizationId: 'o', roles, requestId: null, tokenId: null });
const labels = (...roles: Role[]): string[] => shellFor(actor(...roles), '/app').nav.map((item) => item.label);

describe('shellFor: the navigation a person’s roles allow (WEB.md)', () => {
  it('gives each role its links', () => {
    expect(labels('interviewer')).toEqual(['My interviews', 'Question bank']);
    expect(labels('recruiter')).toEqual(['Loops', 'Candidates', 'Positions', 'Question bank', 'Exports']);
    expect(labels('hiring_manager')).toEqual(['Loops', 'Candidates', 'Positions', 'Question bank', 'Analytics']);
    expect(labels('admin')).toEqual(['Loops', 'Candidates', 'Positions', 'Question bank', 'Exports', 'Analytics', 'Admin']);
  });

  it('gives several roles the union, in one order', () => {
    expect(labels('hiring_manager', 'interviewer')).toEqual([
      'My interviews',
      'Loops',
      'Candidates',
      'Positions',
      'Question bank',
      'Analytics',
    ]);
  });

  it('marks the current page and its sub-pages', () => {
    const nav = shellFor(actor('interviewer'), '/app/interviews?x=1').nav;
    expect(nav.filter((item) => item.current).map((item) => [item.label, item.current])).toEqual([['My interviews', 'page']]);
    expect(shellFor(actor('admin'), '/app/admin/users').nav.find((item) => item.current)).toMatchObject({ label: 'Admin', current: 'true' });
  });

  it('marks the section a page elsewhere belongs to', () => {
    const nav = shellFor(actor('interviewer'), '/app/rounds/1', null, '/app/interviews').nav;
    expect(nav.filter((item) => item.current).map((item) => [item.label, item.current])).toEqual([['My interviews', 'true']]);
  });
});
