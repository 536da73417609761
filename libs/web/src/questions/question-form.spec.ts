import { validationFailed } from '@loopwright/core';
import { EMPTY_QUESTION_FORM, questionFormProblems, questionInputOf, readQuestionForm } from './question-form.js';

describe('the question form', () => {
  it('reads the posted fields: follow-ups one per line, tags split by commas, roles from their checkboxes', () => {
    const values = readQuestionForm({
      title: 'T',
      followUps: 'First?\r\n\r\n  Second?  \n',
      tags: 'a, b ,,c',
      difficulty: '4',
      role_ml_engineer: 'on',
      version: '2',
    });
    expect(questionInputOf(values)).toEqual({
      pillarId: '',
      title: 'T',
      prompt: '',
      rubric: { strong_no: '', no: '', yes: '', strong_yes: '' },
      followUps: ['First?', 'Second?'],
      tags: ['a', 'b', 'c'],
      difficulty: 4,
      roles: ['ml_engineer'],
      version: 2,
    });
  });

  it('leaves a difficulty that is no whole number as text, for the API’s DTO to name, and sends no version when the form has none', () => {
    const input = questionInputOf({ ...EMPTY_QUESTION_FORM, difficulty: 'hard' });
    expect(input.difficulty).toBe('hard');
    expect('version' in input).toBe(false);
  });

  it('refuses a field sent twice, as the API refuses', () => {
    expect(() => readQuestionForm({ title: ['a', 'b'] })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('words the API’s problems next to the form’s fields, and says the rest in the summary', () => {
    const problems = questionFormProblems(
      validationFailed([
        { field: 'pillarId', problems: ['pillarId must be a UUID'] },
        { field: 'rubric.no', problems: ['rubric.no must not be empty'] },
        { field: 'tags.1', problems: ['each tag must not be empty'] },
        { field: 'tags.3', problems: ['a tag may not contain "|"'] },
        { field: 'version', problems: ['version must be an integer number'] },
      ]),
    );
    expect(Object.fromEntries(problems.fieldErrors)).toEqual({
      pillarId: 'Choose a pillar',
      rubric_no: 'Describe what a “No” answer looks like',
      tags: 'Tags: each tag must not be empty; a tag may not contain "|"',
    });
    expect(problems.problem).toBe('The question was not saved: version: version must be an integer number');
  });
});
