import { webSessionTokenOf } from './web-session.js';

describe('webSessionTokenOf', () => {
  it('finds the session cookie among others', () => {
    expect(webSessionTokenOf('theme=dark; lw_session=lw_abc-_1; other=x')).toBe('lw_abc-_1');
    expect(webSessionTokenOf('lw_session=lw_abc')).toBe('lw_abc');
  });

  it('is null without one, or when it is empty', () => {
    expect(webSessionTokenOf(undefined)).toBeNull();
    expect(webSessionTokenOf('lw_session_old=x; xlw_session=y')).toBeNull();
    expect(webSessionTokenOf('lw_session=')).toBeNull();
  });
});
