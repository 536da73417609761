import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const DEVELOPMENT_PHRASE = 'loopwright development secrets key: set SECRETS_KEY in production';

/** SECRETS_KEY as 32 bytes (64 hex digits or base64); unset, a key derived from a fixed phrase (`derived`, warned about at start). */
export function secretsKeyFrom(value: string | undefined): { key: Buffer; derived: boolean } {
  if (!value) return { key: createHash('sha256').update(DEVELOPMENT_PHRASE).digest(), derived: true };
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes');
  return { key, derived: false };
}

/**
 * Encrypts a secret for storage with AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url. `context` (say an
 * organization id) is bound as additional data, so a ciphertext copied to another row does not decrypt there.
 */
export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The secret `sealSecret` stored; throws when the key, the context or the text does not match. */
export function openSecret(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Not a sealed secret');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
