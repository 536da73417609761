import { conflict, validationFailed } from '@loopwright/core';
import { formProblems, postedRoles, roleField } from './admin-form.js';

describe('admin forms: a service refusal in words', () => {
  const labels = { password: 'Password', weeklyInterviewLimit: 'Weekly interview limit' };

  it('puts each field problem next to its field, named by its label', () => {
    const error = validationFailed([
      { field: 'weeklyInterviewLimit', problems: ['weeklyInterviewLimit must not be greater than 50'] },
      { field: 'password', problems: ['password is too easy to guess: This is a commonly used password.', 'Add more words that are less common.'] },
    ]);
    expect(formProblems(error, labels)).toEqual({
      fieldErrors: {
        weeklyInterviewLimit: 'Weekly interview limit must not be greater than 50',
        password: 'Password is too easy to guess: This is a commonly used password. Add more words that are less common.',
      },
      problem: null,
    });
  });

  it('says a problem of a field the form does not show for the whole form, and a coded conflict next to its field', () => {
    expect(formProblems(validationFailed([{ field: 'timezone', problems: ['must be a valid IANA time-zone'] }]), labels)).toEqual({
      fieldErrors: {},
      problem: 'timezone: must be a valid IANA time-zone',
    });
    const taken = conflict('EMAIL_TAKEN', 'A user with the email a@b.test already exists in this organization');
    expect(formProblems(taken, labels, { EMAIL_TAKEN: 'email' }).fieldErrors).toEqual({ email: taken.message });
    expect(formProblems(conflict('LAST_ADMIN', 'Keep one admin'), labels)).toEqual({ fieldErrors: {}, problem: 'Keep one admin' });
  });

  it('reads the roles from their checkboxes', () => {
    expect(postedRoles(new Map([[roleField('interviewer'), 'on'], [roleField('admin'), 'on'], ['role:owner', 'on']]))).toEqual(['admin', 'interviewer']);
  });
});
