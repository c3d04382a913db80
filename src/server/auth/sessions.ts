// Sign-in sessions: a random 32-byte id in an HttpOnly cookie, kept in the store only as its
// sha256 hash. A session ends after 12 hours without use or 7 days after sign-in, whichever
// comes first, and at sign-out (its row is deleted).
import type { Store } from '../../store/store.js';
import type { User } from './roles.js';
import { newSecret, sha256 } from './secrets.js';
import { findUserById } from './users.js';

export const IDLE_MS = 12 * 3600_000;
export const ABSOLUTE_MS = 7 * 24 * 3600_000;
/** Last use is written at most this often, not on every request. */
const TOUCH_MS = 60_000;

export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

const iso = (ms: number) => new Date(ms).toISOString();

export interface NewSession {
  id: string;
  expiresAt: string;
}

export async function createSession(store: Store, userId: string, now: Clock = systemClock): Promise<NewSession> {
  const id = newSecret();
  const t = now();
  await store.query(`DELETE FROM sessions WHERE expires_at <= CAST(? AS TIMESTAMPTZ) OR last_seen_at <= CAST(? AS TIMESTAMPTZ)`, [iso(t), iso(t - IDLE_MS)]);
  await store.query(`INSERT INTO sessions VALUES (?, ?, CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ))`, [sha256(id), userId, iso(t), iso(t), iso(t + ABSOLUTE_MS)]);
  return { id, expiresAt: iso(t + ABSOLUTE_MS) };
}

/** The signed-in user of a session id, or null when it is unknown or has expired. */
export async function sessionUser(store: Store, id: string, now: Clock = systemClock): Promise<User | null> {
  const t = now();
  const rows = await store.query<{ user_id: string; last_seen_at: string }>(
    `SELECT user_id, last_seen_at FROM sessions WHERE session_hash = ? AND expires_at > CAST(? AS TIMESTAMPTZ) AND last_seen_at > CAST(? AS TIMESTAMPTZ)`,
    [sha256(id), iso(t), iso(t - IDLE_MS)],
  );
  if (!rows[0]) return null;
  if (t - Date.parse(rows[0].last_seen_at) > TOUCH_MS) {
    await store.query(`UPDATE sessions SET last_seen_at = CAST(? AS TIMESTAMPTZ) WHERE session_hash = ?`, [iso(t), sha256(id)]);
  }
  return findUserById(store, rows[0].user_id);
}

export async function endSession(store: Store, id: string): Promise<void> {
  await store.query(`DELETE FROM sessions WHERE session_hash = ?`, [sha256(id)]);
}
