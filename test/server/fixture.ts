// A small company for server tests: two teams, their managers and reps, March 2026 deals, and
// one user per role (plus a read-only API token of the admin), in a store file in a temp folder.
//
//   T1 North (manager M1): M1, R1, R2      T2 South (manager M2): M2, R3
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Store } from '../../src/store/store.js';
import { openStore } from '../../src/store/open.js';
import { storeLocation } from '../helpers/test-store.js';
import { importFiles } from '../../src/ingest/import.js';
import { emptyMapping } from '../../src/ingest/mapping.js';
import type { EntityName } from '../../src/model/fields.js';
import { buildApp, type BuildOptions, type QuotientServer } from '../../src/server/app.js';
import { addUser } from '../../src/server/auth/users.js';
import { createToken } from '../../src/server/auth/tokens.js';
import type { Role, User } from '../../src/server/auth/roles.js';

export const csv: Partial<Record<EntityName, string>> = {
  teams: 'team_id,name,manager_rep_id,region\nT1,North,M1,EMEA\nT2,South,M2,NA\n',
  reps: 'rep_id,name,email,team_id,role,hire_date\nM1,Mia Manager,,T1,manager,2024-01-01\nR1,Rita Rep,,T1,rep,2024-01-01\nR2,Rolf Rep,,T1,rep,2024-01-01\nM2,Max Manager,,T2,manager,2024-01-01\nR3,Ravi Rep,,T2,rep,2024-01-01\n',
  accounts: 'account_id,name\nA1,Acme\nA2,Globex\n',
  opportunities: [
    'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,source',
    'O1,A1,R1,2026-02-01T10:00:00Z,won,,1000,USD,2026-03-05T10:00:00Z,web',
    'O2,A2,R1,2026-02-03T10:00:00Z,lost,,500,USD,2026-03-06T10:00:00Z,web',
    'O3,A1,R2,2026-02-05T10:00:00Z,won,,2000,USD,2026-03-10T10:00:00Z,referral',
    'O4,A2,R3,2026-02-07T10:00:00Z,won,,4000,USD,2026-03-12T10:00:00Z,web',
    'O5,A1,R3,2026-02-09T10:00:00Z,lost,,800,USD,2026-03-15T10:00:00Z,event',
    'O6,A2,M2,2026-02-11T10:00:00Z,won,,300,USD,2026-03-20T10:00:00Z,event',
    '',
  ].join('\n'),
};

export const PASSWORD = 'correct horse battery';
export const ROLE_USERS: Record<Role, { email: string; rep_id?: string; team_id?: string }> = {
  admin: { email: 'admin@example.com' },
  manager: { email: 'mia@example.com', rep_id: 'M1' },
  rep: { email: 'rita@example.com', rep_id: 'R1' },
  viewer: { email: 'vic@example.com' },
};

export interface Fixture {
  store: Store;
  path: string;
  server: QuotientServer;
  users: Record<Role, User>;
  /** An API token of the admin with read access only. */
  readToken: string;
  /** A read-write API token of the rep. */
  repToken: string;
}

export async function loadData(store: Store, dir: string): Promise<void> {
  const specs = Object.entries(csv).map(([entity, text]) => {
    const path = join(dir, `${entity}.csv`);
    writeFileSync(path, text);
    return { entity: entity as EntityName, path, mapping: emptyMapping() };
  });
  const r = await importFiles(store, specs);
  if (!r.ok) throw new Error(`fixture import failed: ${JSON.stringify(r.problems)}`);
}

export async function makeFixture(dir: string, options: BuildOptions = {}): Promise<Fixture> {
  const path = await storeLocation(join(dir, 'store.duckdb'));
  const store = await openStore(path);
  await loadData(store, dir);
  const users = {} as Record<Role, User>;
  for (const [role, u] of Object.entries(ROLE_USERS) as [Role, (typeof ROLE_USERS)[Role]][]) {
    users[role] = await addUser(store, { email: u.email, password: PASSWORD, role, rep_id: u.rep_id, team_id: u.team_id });
  }
  const readToken = (await createToken(store, users.admin, 'read-only', 'read')).token;
  const repToken = (await createToken(store, users.rep, 'rep script', 'read-write')).token;
  const server = await buildApp(store, { tempDir: dir, ...options });
  return { store, path, server, users, readToken, repToken };
}

export interface Credentials {
  headers: Record<string, string>;
  csrf?: string;
}

/** Signs in through the API; the headers carry the session cookie, the CSRF cookie and header. */
export async function signIn(server: QuotientServer, email: string, password = PASSWORD): Promise<Credentials> {
  const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { headers: { cookie: cookies.join('; '), 'x-csrf-token': csrf }, csrf };
}

export const bearer = (token: string): Credentials => ({ headers: { authorization: `Bearer ${token}` } });
