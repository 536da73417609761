import { conflict, forbidden, validationFailed } from '@loopwright/core';
import { readExportForm, toExportInput } from '../exports/export-form.js';
import { formWithProblems } from './form-fields.js';

const LABELS = { name: 'Name', email: 'Email', loopIds: 'Loops' } as const;
const LOOP = '0b5c4d4e-1f7a-4c8e-9a31-2f6d8e9b7c10';

describe('people forms', () => {
  it('places each field problem of a 400 next to its field, prefixed with its label, and keeps what was typed', () => {
    const error = validationFailed([
      { field: 'email', problems: ['email must be an email'] },
      { field: 'loopIds.1', problems: ['not a loop of this organization'] },
      { field: 'elsewhere', problems: ['something else'] },
    ]);
    const form = formWithProblems(LABELS, { name: 'Ada', email: 'ada@' }, error);
    expect(form.fields.name).toEqual({ name: 'name', label: 'Name', value: 'Ada', error: null });
    expect(form.fields.email).toEqual({ name: 'email', label: 'Email', value: 'ada@', error: 'Email: email must be an email' });
    expect(form.fields.loopIds.error).toBe('Loops: not a loop of this organization');
    expect(form.problem).toBe('something else');
  });

  it('says what to do with a blank field instead of the validator’s words, and puts a coded refusal where it belongs', () => {
    const blank = formWithProblems(LABELS, { name: ' ' }, validationFailed([{ field: 'name', problems: ['name must not be empty'] }]), {
      whenBlank: { name: 'Give the name' },
    });
    expect(blank.fields.name.error).toBe('Give the name');
    const taken = formWithProblems(LABELS, {}, conflict('EMAIL_TAKEN', 'That email is taken'), { fieldOfCode: { EMAIL_TAKEN: 'email' } });
    expect([taken.fields.email.error, taken.problem]).toEqual(['That email is taken', null]);
    const refused = formWithProblems(LABELS, {}, forbidden('Not yours'));
    expect([refused.fields.email.error, refused.problem]).toEqual([null, 'Not yours']);
    expect(formWithProblems(LABELS, {}, null).problem).toBeNull();
  });

  it('reads the export form: each ticked loop is a field of its own, an empty choice is refused before the service', async () => {
    const posted = readExportForm(new Map([['format', 'md'], [`loop-${LOOP}`, 'on'], ['redactInterviewers', 'on']]));
    expect(posted).toEqual({ positionId: '', format: 'md', loopIds: [LOOP], redactInterviewers: true, includeShadows: false });
    await expect(toExportInput(posted)).resolves.toMatchObject({ loopIds: [LOOP], format: 'markdown', redactInterviewers: true, includeShadows: false });
    await expect(toExportInput({ ...posted, loopIds: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'positionId' }] } });
  });
});
