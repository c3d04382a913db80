// `quotient users add|list|remove|passwd`: the people who may use the server, with their roles.
// While `quotient serve` holds the store these work through its API.
import type { Command } from 'commander';
import { audit } from '../../server/audit.js';
import { ROLE_DOCS, ROLES, type User } from '../../server/auth/roles.js';
import { addUser, checkRole, listUsers, normaliseEmail, removeUser, requireUser, setPassword } from '../../server/auth/users.js';
import { UserError } from '../../util/errors.js';
import { readPassword } from '../password-input.js';
import { withStoreOrServer, type ApiClient } from '../server-client.js';
import type { Io } from '../context.js';

async function remoteUser(api: ApiClient, email: string): Promise<User> {
  const users = await api.call<User[]>('GET', '/api/users');
  const user = users.find((u) => u.email === normaliseEmail(email));
  if (!user) throw new UserError('not_found', `no user has the e-mail address ${normaliseEmail(email)}`);
  return user;
}

function describe(u: User): string {
  const links = [u.rep_id ? `rep ${u.rep_id}` : '', u.team_id ? `team ${u.team_id}` : ''].filter(Boolean).join(', ');
  return `${u.email} (${u.role}${links ? `; ${links}` : ''})`;
}

export function registerUsers(program: Command, io: Io): void {
  const users = program.command('users').description('the people who may sign in to `quotient serve`, with their roles');
  const db = () => program.opts().db as string | undefined;
  const note = (t: string) => io.err(t);

  users
    .command('add')
    .argument('<email>', 'e-mail address: the sign-in name')
    .requiredOption('--role <role>', ROLES.map((r) => `${r}: ${ROLE_DOCS[r]}`).join('; '))
    .option('--rep <rep_id>', 'the rep this user is in the data (required for reps; a manager’s own rep id)')
    .option('--team <team_id>', 'the team the user belongs to or leads')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .description('add a user; asks for the password twice (or reads it from standard input)')
    .action(async (email: string, o: { role: string; rep?: string; team?: string; passwordStdin?: boolean }) => {
      const role = checkRole(o.role);
      const input = { email: normaliseEmail(email), role, rep_id: o.rep ?? null, team_id: o.team ?? null };
      const password = await readPassword(io, Boolean(o.passwordStdin));
      const user = await withStoreOrServer(
        db(),
        async (store) => {
          const u = await addUser(store, { ...input, password });
          await audit(store, { action: 'user_added', actor: 'cli', target: u.email, details: { role: u.role, rep_id: u.rep_id, team_id: u.team_id } });
          return u;
        },
        (api) => api.call<User>('POST', '/api/users', { ...input, password }),
        note,
      );
      io.out(`Added ${describe(user)}.\n`);
    });

  users
    .command('list')
    .option('--format <format>', 'text or json', 'text')
    .description('list the users')
    .action(async (o: { format: string }) => {
      if (o.format !== 'text' && o.format !== 'json') throw new UserError('bad_argument', `--format: expected text or json, got "${o.format}"`);
      const list = await withStoreOrServer(db(), (store) => listUsers(store), (api) => api.call<User[]>('GET', '/api/users'), note);
      if (o.format === 'json') return io.out(JSON.stringify(list, null, 2) + '\n');
      if (!list.length) return io.out('No users yet. Add an admin: quotient users add EMAIL --role admin\n');
      const w = Math.max(5, ...list.map((u) => u.email.length));
      io.out(`${'email'.padEnd(w)}  ${'role'.padEnd(7)}  ${'rep'.padEnd(10)}  team\n`);
      for (const u of list) io.out(`${u.email.padEnd(w)}  ${u.role.padEnd(7)}  ${(u.rep_id ?? '').padEnd(10)}  ${u.team_id ?? ''}\n`);
    });

  users
    .command('remove')
    .argument('<email>', 'the user’s e-mail address')
    .description('remove a user, ending their sessions and revoking their API tokens')
    .action(async (email: string) => {
      const removed = await withStoreOrServer(
        db(),
        async (store) => {
          const u = await requireUser(store, email);
          await removeUser(store, u);
          await audit(store, { action: 'user_removed', actor: 'cli', target: u.email });
          return u;
        },
        async (api) => {
          const u = await remoteUser(api, email);
          await api.call('DELETE', `/api/users/${encodeURIComponent(u.user_id)}`);
          return u;
        },
        note,
      );
      io.out(`Removed ${describe(removed)}.\n`);
    });

  users
    .command('passwd')
    .argument('<email>', 'the user’s e-mail address')
    .option('--password-stdin', 'read the new password from the first line of standard input')
    .description('set a new password (ends the user’s sessions)')
    .action(async (email: string, o: { passwordStdin?: boolean }) => {
      const password = await readPassword(io, Boolean(o.passwordStdin));
      const u = await withStoreOrServer(
        db(),
        async (store) => {
          const user = await requireUser(store, email);
          await setPassword(store, user, password);
          await audit(store, { action: 'password_changed', actor: 'cli', target: user.email });
          return user;
        },
        async (api) => {
          const user = await remoteUser(api, email);
          await api.call('PATCH', `/api/users/${encodeURIComponent(user.user_id)}`, { password });
          return user;
        },
        note,
      );
      io.out(`New password set for ${u.email}; their sessions have ended.\n`);
    });
}
