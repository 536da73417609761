import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'lw_';

/** A new opaque bearer token: 32 random bytes. Only its SHA-256 is stored. */
export function newToken(): { token: string; hash: Buffer } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes): about 0.4 s of CPU a hash on this class of
 * machine. Under Jest (NODE_ENV=test) 1 MiB and 1 pass: the suite hashes over a thousand throw-away passwords, and
 * at full cost that was minutes of CI. A hash records its own parameters, so verifying works for either.
 */
const COST: argon2.HashOptions = process.env.NODE_ENV === 'test' ? { memoryCost: 1024, timeCost: 1, parallelism: 1 } : {};

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...COST });
}

// Verified when the email is unknown, so that a wrong email and a wrong password take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    dummyHash ??= hashPassword('not-a-real-password-0');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

export const MIN_PASSWORD_LENGTH = 10;
