import type { PageView, ShellView } from './shell.js';

/** A page holding one create or edit form: its heading (the page's title too), where it posts, its button, where Cancel goes. */
export interface FormPageView extends PageView {
  heading: string;
  action: string;
  submitLabel: string;
  cancelHref: string;
}

/** The form of a new item: it posts to the list's URL, and Cancel goes back to the list. */
export function newFormPage(shell: ShellView, heading: string, listHref: string, submitLabel: string): FormPageView {
  return { title: heading, shell, heading, action: listHref, submitLabel, cancelHref: listHref };
}

/** The edit form of the item `name` at `href`: it posts there with "Save changes", and Cancel goes back to it. */
export function editFormPage(shell: ShellView, name: string, href: string): FormPageView {
  const heading = `Edit ${name}`;
  return { title: heading, shell, heading, action: href, submitLabel: 'Save changes', cancelHref: href };
}
