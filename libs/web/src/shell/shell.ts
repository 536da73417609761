import type { Actor } from '@loopwright/identity';
import { NAV_ITEMS, mayOpen } from './navigation.js';

/** What the layout shows around every page of a signed-in person: the navigation for their roles and their name. */
export interface ShellView {
  userName: string | null;
  /** `current`: `page` on the link to this very page, `true` on the link of the section this page is part of. */
  nav: { label: string; href: string; current: 'page' | 'true' | null }[];
}

/** Every page's view model: the layout reads `title` and `shell` (null when signed out: no navigation, no Sign out). */
export interface PageView {
  title: string;
  shell: ShellView | null;
}

/**
 * The navigation for the actor's roles. A page below a link's path (`/app/loops/…` under Loops) is in that link's
 * section; `section` names it for a page elsewhere (a round page, reached from My interviews).
 */
export function shellFor(actor: Actor, currentPath: string, userName: string | null = null, section?: string): ShellView {
  const path = currentPath.split('?', 1)[0] ?? '';
  return {
    userName,
    nav: NAV_ITEMS.filter((item) => mayOpen(item, actor.roles)).map((item) => ({
      label: item.label,
      href: item.href,
      current: path === item.href ? 'page' : path.startsWith(`${item.href}/`) || section === item.href ? 'true' : null,
    })),
  };
}
