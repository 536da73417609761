import { editFormPage, newFormPage } from './form-page.js';

const shell = { userName: 'Ada', nav: [] };

describe('form pages', () => {
  it('posts a new item to the list and cancels back to it, the heading being the title', () => {
    expect(newFormPage(shell, 'New candidate', '/app/candidates', 'Add candidate')).toEqual({
      title: 'New candidate',
      shell,
      heading: 'New candidate',
      action: '/app/candidates',
      submitLabel: 'Add candidate',
      cancelHref: '/app/candidates',
    });
  });

  it('posts an edit to the item with Save changes and cancels back to it', () => {
    expect(editFormPage(shell, 'ML Engineer', '/app/positions/p1')).toEqual({
      title: 'Edit ML Engineer',
      shell,
      heading: 'Edit ML Engineer',
      action: '/app/positions/p1',
      submitLabel: 'Save changes',
      cancelHref: '/app/positions/p1',
    });
  });
});
