import { localPath, loginUrlFor } from './local-path.js';

describe('localPath: where a sign-in may send the person', () => {
  it.each(['/app', '/app/rounds/8c1f?tab=kit', '/app/interviews#needs-feedback', '/'])('keeps the local path %s', (path) => {
    expect(localPath(path)).toBe(path);
  });

  it.each([
    '//evil.test/app',
    '/\\evil.test',
    'https://evil.test/',
    'http:/evil.test',
    'app',
    '',
    '/app\r\nSet-Cookie: x=1',
    '/\u0000',
    42,
    null,
    undefined,
  ])('refuses %p', (next) => {
    expect(localPath(next)).toBeNull();
  });

  it('normalizes dot segments instead of leaving the site', () => {
    expect(localPath('/app/../../x')).toBe('/x');
  });

  it('builds the login URL that comes back, leaving out the default landing pages', () => {
    expect(loginUrlFor('/app/rounds/1?x=a b')).toBe(`/login?next=${encodeURIComponent('/app/rounds/1?x=a%20b')}`);
    expect(loginUrlFor('/app')).toBe('/login');
    expect(loginUrlFor('//evil.test')).toBe('/login');
  });
});
