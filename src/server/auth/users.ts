// Users kept in the store: added, listed, changed and removed by the CLI (`quotient users`) and
// by admins through the API. E-mail addresses are unique, compared in lower case.
import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/store.js';
import { UserError } from '../../util/errors.js';
import { emailSchema, missingLink, ROLES, type Role, type User } from './roles.js';
import { hashPassword } from './secrets.js';

const COLUMNS = 'user_id, email, role, rep_id, team_id, created_at';

export function normaliseEmail(email: string): string {
  const r = emailSchema.safeParse(email);
  if (!r.success) throw new UserError('bad_argument', `"${email}" is not an e-mail address; expected one like ann@example.com`);
  return r.data;
}

export function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new UserError('bad_argument', `unknown role "${role}"; roles are: ${ROLES.join(', ')}`);
  return role as Role;
}

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  rep_id?: string | null;
  team_id?: string | null;
}

export async function findUser(store: Store, email: string): Promise<User | null> {
  const rows = await store.query<User & Record<string, string>>(`SELECT ${COLUMNS} FROM users WHERE email = ?`, [email.trim().toLowerCase()]);
  return rows[0] ?? null;
}

export async function findUserById(store: Store, id: string): Promise<User | null> {
  const rows = await store.query<User & Record<string, string>>(`SELECT ${COLUMNS} FROM users WHERE user_id = ?`, [id]);
  return rows[0] ?? null;
}

/** The user and their password hash, for sign-in. */
export async function credentialsOf(store: Store, email: string): Promise<{ user: User; hash: string } | null> {
  const rows = await store.query<User & { password_hash: string } & Record<string, string>>(`SELECT ${COLUMNS}, password_hash FROM users WHERE email = ?`, [email.trim().toLowerCase()]);
  if (!rows[0]) return null;
  const { password_hash, ...user } = rows[0];
  return { user, hash: password_hash };
}

export function listUsers(store: Store): Promise<User[]> {
  return store.query<User & Record<string, string>>(`SELECT ${COLUMNS} FROM users ORDER BY email`);
}

export async function countAdmins(store: Store): Promise<number> {
  const rows = await store.query<{ n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'admin'`);
  return Number(rows[0].n);
}

export async function addUser(store: Store, u: NewUser): Promise<User> {
  const email = normaliseEmail(u.email);
  const missing = missingLink(u.role, u.rep_id, u.team_id);
  if (missing) throw new UserError('bad_argument', missing);
  const passwordHash = await hashPassword(u.password);
  if (await findUser(store, email)) throw new UserError('bad_argument', `a user with the e-mail address ${email} exists already`);
  const id = randomUUID();
  const now = new Date().toISOString();
  await store.query(`INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ))`, [id, email, passwordHash, u.role, u.rep_id ?? null, u.team_id ?? null, now, now]);
  return (await findUserById(store, id))!;
}

export interface UserChange {
  role?: Role;
  rep_id?: string | null;
  team_id?: string | null;
}

async function keepsAnAdmin(store: Store, user: User, nextRole: Role | null): Promise<void> {
  if (user.role === 'admin' && nextRole !== 'admin' && (await countAdmins(store)) <= 1) {
    throw new UserError('bad_argument', `${user.email} is the last admin; add another admin first`);
  }
}

export async function updateUser(store: Store, user: User, change: UserChange): Promise<User> {
  const next = { role: change.role ?? user.role, rep_id: change.rep_id === undefined ? user.rep_id : change.rep_id, team_id: change.team_id === undefined ? user.team_id : change.team_id };
  const missing = missingLink(next.role, next.rep_id, next.team_id);
  if (missing) throw new UserError('bad_argument', missing);
  await keepsAnAdmin(store, user, next.role);
  await store.query(`UPDATE users SET role = ?, rep_id = ?, team_id = ?, updated_at = CAST(? AS TIMESTAMPTZ) WHERE user_id = ?`, [next.role, next.rep_id, next.team_id, new Date().toISOString(), user.user_id]);
  return (await findUserById(store, user.user_id))!;
}

/** Sets a new password and ends the user's sessions everywhere. */
export async function setPassword(store: Store, user: User, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await store.transaction(async () => {
    await store.query(`UPDATE users SET password_hash = ?, updated_at = CAST(? AS TIMESTAMPTZ) WHERE user_id = ?`, [passwordHash, new Date().toISOString(), user.user_id]);
    await store.query(`DELETE FROM sessions WHERE user_id = ?`, [user.user_id]);
  });
}

/** Removes the user with their sessions and API tokens. */
export async function removeUser(store: Store, user: User): Promise<void> {
  await keepsAnAdmin(store, user, null);
  await store.transaction(async () => {
    await store.query(`DELETE FROM sessions WHERE user_id = ?`, [user.user_id]);
    await store.query(`DELETE FROM api_tokens WHERE user_id = ?`, [user.user_id]);
    await store.query(`DELETE FROM users WHERE user_id = ?`, [user.user_id]);
  });
}

export async function requireUser(store: Store, email: string): Promise<User> {
  const user = await findUser(store, email);
  if (!user) throw new UserError('not_found', `no user has the e-mail address ${email.trim().toLowerCase()}`);
  return user;
}
