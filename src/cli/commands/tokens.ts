// `quotient tokens create|list|revoke`: API tokens for scripts, sent as "Authorization: Bearer …".
import type { Command } from 'commander';
import { audit } from '../../server/audit.js';
import { checkAccess, createToken, listTokens, revokeToken, tokenInfo } from '../../server/auth/tokens.js';
import { requireUser } from '../../server/auth/users.js';
import { UserError } from '../../util/errors.js';
import { withStore, type Io } from '../context.js';

export function registerTokens(program: Command, io: Io): void {
  const tokens = program.command('tokens').description('API tokens for scripts: read-only or read-write, acting as their user');
  const db = () => program.opts().db as string | undefined;

  tokens
    .command('create')
    .requiredOption('--user <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "nightly export"')
    .option('--access <access>', 'read or read-write', 'read')
    .description('create a token and print it (it is shown this once)')
    .action(async (o: { user: string; name: string; access: string }) => {
      const access = checkAccess(o.access);
      const t = await withStore(db(), async (store) => {
        const user = await requireUser(store, o.user);
        const created = await createToken(store, user, o.name, access);
        await audit(store, { action: 'token_created', actor: 'cli', target: created.info.token_id, details: { name: created.info.name, access, owner: user.email } });
        return created;
      });
      io.err(`Token ${t.info.token_id} (${t.info.access}) for ${t.info.email}; it is shown only now:\n`);
      io.out(`${t.token}\n`);
    });

  tokens
    .command('list')
    .option('--user <email>', 'only this user’s tokens')
    .option('--format <format>', 'text or json', 'text')
    .description('list tokens (never their secrets)')
    .action(async (o: { user?: string; format: string }) => {
      if (o.format !== 'text' && o.format !== 'json') throw new UserError('bad_argument', `--format: expected text or json, got "${o.format}"`);
      const list = await withStore(db(), async (store) => listTokens(store, o.user ? (await requireUser(store, o.user)).user_id : 'all'));
      if (o.format === 'json') return io.out(JSON.stringify(list, null, 2) + '\n');
      if (!list.length) return io.out('No tokens.\n');
      for (const t of list) {
        const state = t.revoked_at ? `revoked ${t.revoked_at}` : t.last_used_at ? `last used ${t.last_used_at}` : 'never used';
        io.out(`${t.token_id}  ${t.access.padEnd(10)}  ${t.email}  "${t.name}"  created ${t.created_at}, ${state}\n`);
      }
    });

  tokens
    .command('revoke')
    .argument('<token_id>', 'the token’s id (from `quotient tokens list`)')
    .description('revoke a token: it stops working at once')
    .action(async (id: string) => {
      await withStore(db(), async (store) => {
        const t = await tokenInfo(store, id);
        if (!t) throw new UserError('not_found', `no token has the id ${id}`);
        await revokeToken(store, id);
        await audit(store, { action: 'token_revoked', actor: 'cli', target: id, details: { name: t.name, owner: t.email } });
      });
      io.out(`Revoked token ${id}.\n`);
    });
}
