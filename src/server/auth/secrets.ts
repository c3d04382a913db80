// Passwords (argon2id), and the random secrets behind sessions and API tokens, which the
// store keeps only as sha256 hashes: a copy of the store does not let anyone sign in.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { UserError } from '../../util/errors.js';

const ARGON2ID = 2 as Algorithm;
/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const COST = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 1024;

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw new UserError('bad_argument', `the password is too short: use at least ${MIN_PASSWORD} characters`);
  if (password.length > MAX_PASSWORD) throw new UserError('bad_argument', `the password is too long: use at most ${MAX_PASSWORD} characters`);
}

export function hashPassword(password: string): Promise<string> {
  checkPassword(password);
  return hash(password, COST);
}

// Checked against when no user has the e-mail address, so a sign-in takes as long either way.
let decoy: Promise<string> | null = null;

/** True when the password matches the hash; with no hash, spends the same time and says false. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD) return false;
  if (passwordHash === null) {
    decoy ??= hash(randomBytes(16).toString('hex'), COST);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A new random secret: 32 bytes, URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares two strings in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
