// `quotient users` and `quotient tokens` on a store file.
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { runCli } from '../helpers/cli.js';
import { openStore } from '../../src/store/open.js';
import { tokenUser } from '../../src/server/auth/tokens.js';
import { credentialsOf } from '../../src/server/auth/users.js';
import { verifyPassword } from '../../src/server/auth/secrets.js';
import { runWithInput } from './cli-io.js';

const tmp = useTempDir('quotient-users-');
const db = () => tmp.join('users.duckdb');
const users = (...args: string[]) => runCli(['--db', db(), 'users', ...args]);

async function withDb<T>(fn: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const s = await openStore(db());
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describe('quotient users', () => {
  it('adds users with a password from standard input, hashed with argon2id', async () => {
    expect(await runWithInput(['--db', db(), 'users', 'add', 'ann@example.com', '--role', 'admin', '--password-stdin'], 'first password 1\n')).toEqual({ code: 0, out: 'Added ann@example.com (admin).\n', err: '' });
    expect((await runWithInput(['--db', db(), 'users', 'add', 'rita@example.com', '--role', 'rep', '--rep', 'R1'], 'rita password 1\r\n')).out).toBe('Added rita@example.com (rep; rep R1).\n');
    await withDb(async (s) => {
      const c = (await credentialsOf(s, 'ann@example.com'))!;
      expect(c.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(c.hash, 'first password 1')).toBe(true);
    });
  });

  it('refuses what would be wrong: a duplicate, a rep without --rep, a short password, an unknown role', async () => {
    const cases: [string[], string, RegExp][] = [
      [['add', 'ANN@example.com', '--role', 'viewer'], 'another password\n', /exists already/],
      [['add', 'rob@example.com', '--role', 'rep'], 'another password\n', /a rep user needs the rep/],
      [['add', 'rob@example.com', '--role', 'viewer'], 'short\n', /at least 10 characters/],
      [['add', 'rob@example.com', '--role', 'boss'], 'another password\n', /unknown role "boss"; roles are: admin, manager, rep, viewer/],
      [['add', 'not-an-email', '--role', 'viewer'], 'another password\n', /not an e-mail address/],
    ];
    for (const [args, input, message] of cases) {
      const r = await runWithInput(['--db', db(), 'users', ...args], input);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
  });

  it('lists users as text and JSON', async () => {
    const text = await users('list');
    expect(text.out.split('\n')[1]).toMatch(/^ann@example\.com\s+admin/);
    expect(JSON.parse((await users('list', '--format', 'json')).out).map((u: { email: string; rep_id: string | null }) => [u.email, u.rep_id])).toEqual([
      ['ann@example.com', null],
      ['rita@example.com', 'R1'],
    ]);
  });

  it('passwd sets a new password', async () => {
    expect((await runWithInput(['--db', db(), 'users', 'passwd', 'rita@example.com', '--password-stdin'], 'second password 2\n')).code).toBe(0);
    await withDb(async (s) => expect(await verifyPassword((await credentialsOf(s, 'rita@example.com'))!.hash, 'second password 2')).toBe(true));
  });

  it('the last admin cannot be removed; others can', async () => {
    const r = await users('remove', 'ann@example.com');
    expect([r.code, r.err]).toEqual([2, 'quotient: ann@example.com is the last admin; add another admin first\n']);
    expect((await users('remove', 'nobody@example.com')).err).toBe('quotient: no user has the e-mail address nobody@example.com\n');
  });
});

describe('quotient tokens', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const created = await runCli(['--db', db(), 'tokens', 'create', '--user', 'rita@example.com', '--name', 'nightly', '--access', 'read']);
    expect(created.code, created.err).toBe(0);
    const token = created.out.trim();
    expect(token).toMatch(/^qt_[\w-]{43}$/);
    const list = JSON.parse((await runCli(['--db', db(), 'tokens', 'list', '--format', 'json'])).out);
    expect(list).toEqual([expect.objectContaining({ email: 'rita@example.com', name: 'nightly', access: 'read', revoked_at: null })]);
    expect(JSON.stringify(list)).not.toContain(token);
    await withDb(async (s) => expect((await tokenUser(s, token))?.user.email).toBe('rita@example.com'));
    expect((await runCli(['--db', db(), 'tokens', 'revoke', list[0].token_id])).out).toBe(`Revoked token ${list[0].token_id}.\n`);
    await withDb(async (s) => expect(await tokenUser(s, token)).toBeNull());
  });

  it('user and token changes from the CLI are audited', async () => {
    await users('remove', 'rita@example.com');
    const rows = await withDb((s) => s.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log ORDER BY occurred_at`));
    expect(rows.map((r) => r.action)).toEqual(['user_added', 'user_added', 'password_changed', 'token_created', 'token_revoked', 'user_removed']);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(['cli']));
  });
});
