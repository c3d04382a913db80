// API tokens for scripts: created by a user, shown once, stored as a sha256 hash, read-only or
// read-write, revocable. A token acts as its user, with their role and scope; a read-only
// token cannot change anything.
import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/store.js';
import { UserError } from '../../util/errors.js';
import type { User } from './roles.js';
import { newSecret, sha256 } from './secrets.js';
import { findUserById } from './users.js';

export const TOKEN_ACCESS = ['read', 'read-write'] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];
export const TOKEN_PREFIX = 'qt_';

export interface TokenInfo {
  token_id: string;
  user_id: string;
  email: string;
  name: string;
  access: TokenAccess;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function checkAccess(access: string): TokenAccess {
  if (!(TOKEN_ACCESS as readonly string[]).includes(access)) throw new UserError('bad_argument', `unknown token access "${access}"; expected read or read-write`);
  return access as TokenAccess;
}

/** Creates a token; the returned secret is shown once and never stored. */
export async function createToken(store: Store, user: User, name: string, access: TokenAccess): Promise<{ token: string; info: TokenInfo }> {
  const clean = name.trim();
  if (!clean || clean.length > 100) throw new UserError('bad_argument', 'a token needs a name of 1 to 100 characters, e.g. "nightly export"');
  const token = newSecret(TOKEN_PREFIX);
  const id = randomUUID();
  await store.query(`INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?, CAST(? AS TIMESTAMPTZ), NULL, NULL)`, [id, user.user_id, clean, sha256(token), access, new Date().toISOString()]);
  return { token, info: (await tokenInfo(store, id))! };
}

const SELECT = `SELECT t.token_id, t.user_id, u.email, t.name, t.access, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN users u ON u.user_id = t.user_id`;

export async function tokenInfo(store: Store, id: string): Promise<TokenInfo | null> {
  const rows = await store.query<TokenInfo & Record<string, string>>(`${SELECT} WHERE t.token_id = ?`, [id]);
  return rows[0] ?? null;
}

/** Tokens of one user, or of everyone (for admins). */
export function listTokens(store: Store, userId: string | 'all'): Promise<TokenInfo[]> {
  return userId === 'all'
    ? store.query<TokenInfo & Record<string, string>>(`${SELECT} ORDER BY u.email, t.created_at`)
    : store.query<TokenInfo & Record<string, string>>(`${SELECT} WHERE t.user_id = ? ORDER BY t.created_at`, [userId]);
}

export async function revokeToken(store: Store, id: string): Promise<void> {
  await store.query(`UPDATE api_tokens SET revoked_at = CAST(? AS TIMESTAMPTZ) WHERE token_id = ? AND revoked_at IS NULL`, [new Date().toISOString(), id]);
}

/** The user and access of a presented token, or null when it is unknown or revoked. */
export async function tokenUser(store: Store, token: string): Promise<{ user: User; tokenId: string; access: TokenAccess } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const rows = await store.query<{ token_id: string; user_id: string; access: TokenAccess; last_used_at: string | null }>(
    `SELECT token_id, user_id, access, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`,
    [sha256(token)],
  );
  const row = rows[0];
  if (!row) return null;
  const user = await findUserById(store, row.user_id);
  if (!user) return null;
  if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > 60_000) {
    await store.query(`UPDATE api_tokens SET last_used_at = CAST(? AS TIMESTAMPTZ) WHERE token_id = ?`, [new Date().toISOString(), row.token_id]);
  }
  return { user, tokenId: row.token_id, access: row.access };
}
