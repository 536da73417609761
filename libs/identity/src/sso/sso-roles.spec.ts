import { mappedRoles, roleMappingProblems } from './sso-roles.js';

describe('SSO role mapping', () => {
  const settings = { roleClaim: 'groups', roleMapping: { 'hr-admins': ['admin' as const], eng: ['interviewer' as const] }, defaultRoles: [] };

  it('maps each claim value, a string or a list, and ignores unknown values and inherited keys', () => {
    expect(mappedRoles({ groups: ['eng', 'hr-admins', 'toString'] }, settings)).toEqual(['admin', 'interviewer']);
    expect(mappedRoles({ groups: 'eng' }, settings)).toEqual(['interviewer']);
    expect(mappedRoles({ groups: ['sales'] }, settings)).toEqual([]);
    expect(mappedRoles({}, settings)).toEqual([]);
  });

  it('adds the default roles, with or without a claim', () => {
    expect(mappedRoles({ groups: ['eng'] }, { ...settings, defaultRoles: ['recruiter'] })).toEqual(['recruiter', 'interviewer']);
    expect(mappedRoles({ groups: ['eng'] }, { roleClaim: null, roleMapping: {}, defaultRoles: ['interviewer'] })).toEqual(['interviewer']);
  });

  it('names what is wrong with a mapping', () => {
    expect(roleMappingProblems({ eng: ['interviewer'] })).toEqual([]);
    expect(roleMappingProblems({ eng: ['owner'] })).toEqual(['eng must map to a list of admin, hiring_manager, recruiter, interviewer']);
    expect(roleMappingProblems(['eng'])).toEqual(['must be an object of role lists']);
  });
});
