import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret, secretsKeyFrom } from './secret-box.js';

describe('secret box', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and never stores the plaintext', () => {
    const sealed = sealSecret(key, 'client-secret-1', 'org-a');
    expect(sealed).not.toContain('client-secret-1');
    expect(sealed).not.toBe(sealSecret(key, 'client-secret-1', 'org-a'));
    expect(openSecret(key, sealed, 'org-a')).toBe('client-secret-1');
  });

  it('refuses another key, another context and a tampered ciphertext', () => {
    const sealed = sealSecret(key, 'client-secret-1', 'org-a');
    expect(() => openSecret(randomBytes(32), sealed, 'org-a')).toThrow();
    expect(() => openSecret(key, sealed, 'org-b')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(key, parts.join('.'), 'org-a')).toThrow();
  });

  it('reads SECRETS_KEY as hex or base64, and derives a marked key when it is unset', () => {
    const raw = randomBytes(32);
    expect(secretsKeyFrom(raw.toString('hex'))).toEqual({ key: raw, derived: false });
    expect(secretsKeyFrom(raw.toString('base64'))).toEqual({ key: raw, derived: false });
    expect(secretsKeyFrom(undefined).derived).toBe(true);
    expect(secretsKeyFrom(undefined).key).toHaveLength(32);
  });
});
