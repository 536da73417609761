import type { Actor } from '@loopwright/identity';
import { NAV_ITEMS, mayOpen } from './navigation.js';

/** What the layout shows around every page of a signed-in person: the navigation for their roles and their name. */
export interface ShellView {
  userName: string | null;
  nav: { label: string; href: string; current: boolean }[];
}

/** Every page's view model: the layout reads `title` and `shell` (null when signed out: no navigation, no Sign out). */
export interface PageView {
  title: string;
  shell: ShellView | null;
}

export function shellFor(actor: Actor, currentPath: string, userName: string | null = null): ShellView {
  const path = currentPath.split('?', 1)[0] ?? '';
  return {
    userName,
    nav: NAV_ITEMS.filter((item) => mayOpen(item, actor.roles)).map((item) => ({
      label: item.label,
      href: item.href,
      current: path === item.href || path.startsWith(`${item.href}/`),
    })),
  };
}
