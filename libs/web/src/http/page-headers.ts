/**
 * The pages' Content-Security-Policy: scripts and styles only from the app's own files (no inline script, no inline
 * style, no eval), forms only to the app, never framed.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "base-uri 'none'",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
].join('; ');

/**
 * The work-email form of single sign-on: its GET leads to a redirect to the organization's identity provider, which
 * `form-action 'self'` would block (browsers check a form's redirects too); any provider's origin is unknown before.
 */
export const SSO_FORM_CSP = PAGE_CSP.replace("form-action 'self'", "form-action 'self' https: http:");

/** The paths the web app answers (every other path is the API's, the docs' or the health check's). */
export function isPagePath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return (
    path === '/' || path === '/login' || path === '/login/sso' || path.startsWith('/auth/oidc/') || path === '/logout' || path === '/app' || path.startsWith('/app/') || path.startsWith('/assets/')
  );
}
