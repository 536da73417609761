const BASE = 'http://loopwright.invalid';

/**
 * `next` when it is a path of this site (`/app/rounds/1?x=2`), else null: never another origin (`//evil.test`,
 * `/\evil.test`, `https://…`), never a control character, so a sign-in link cannot send a person elsewhere.
 */
export function localPath(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next) || next.startsWith('//')) return null;
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** The login page's URL that comes back to `path` after signing in. */
export function loginUrlFor(path: string): string {
  const local = localPath(path);
  return local && local !== '/' && local !== '/app' ? `/login?next=${encodeURIComponent(local)}` : '/login';
}
