// The PostgreSQL store shared by several processes (PostgreSQL project only): concurrent imports
// of one entity are serialised and lose or duplicate nothing; a session made by one server works
// on another; servers starting at once migrate once; a laptop store moves to PostgreSQL with
// `quotient migrate-store` and is identical afterwards, and an occupied target is refused.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import.js';
import { emptyMapping } from '../../src/ingest/mapping.js';
import { buildApp } from '../../src/server/app.js';
import { runKpiQuery } from '../../src/query/engine.js';
import { addUser } from '../../src/server/auth/users.js';
import { openStore } from '../../src/store/open.js';
import { tablesOf } from '../../src/store/transfer.js';
import type { Store } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { storeLocation } from '../helpers/test-store.js';
import { useTempDir } from '../helpers/tmp.js';
import { startServe } from '../server/serve-process.js';
import { makeFixture, signIn, ROLE_USERS, loadData } from '../server/fixture.js';

const tmp = useTempDir('quotient-pgshared-');

describe('concurrent imports of one entity', () => {
  let url = '';
  const stores: Store[] = [];
  beforeAll(async () => {
    url = await storeLocation('');
    for (let i = 0; i < 3; i++) stores.push(await openStore(url));
    const setup = stores[0];
    await importFiles(setup, [{ entity: 'reps', path: tmp.write('reps.csv', 'rep_id,name\nR1,Ann\nR2,Bo\n'), mapping: emptyMapping() }]);
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('run one after the other: each sees what the other wrote, nothing is lost or doubled', async () => {
    const rows = (from: number, n: number, amount: number) =>
      ['opportunity_id,rep_id,created_at,status,amount', ...Array.from({ length: n }, (_, i) => `O${from + i},R${1 + (i % 2)},2026-01-01T00:00:00Z,open,${amount}`)].join('\n') + '\n';
    // A: O0–O4999 at 10; B: the same ids at 20 (an update of every row); C: O5000–O5999, new.
    const a = tmp.write('a.csv', rows(0, 5000, 10));
    const b = tmp.write('b.csv', rows(0, 5000, 20));
    const c = tmp.write('c.csv', rows(5000, 1000, 30));
    const results = await Promise.all([a, b, c].map((path, i) => importFiles(stores[i], [{ entity: 'opportunities', path, mapping: emptyMapping() }])));
    for (const r of results) expect(r.ok).toBe(true);
    const [ra, rb, rc] = results.map((r) => r.entities[0]);
    expect(rc).toMatchObject({ inserted: 1000, updated: 0 });
    // A and B touch the same 5,000 keys: whichever ran second updated all of them.
    expect([ra.inserted + rb.inserted, ra.updated + rb.updated]).toEqual([5000, 5000]);
    const check = stores[0];
    expect(await check.query(`SELECT count(*) AS n, count(DISTINCT opportunity_id) AS ids FROM opportunities`)).toEqual([{ n: 6000, ids: 6000 }]);
    const second = rb.updated === 5000 ? 20 : 10;
    expect(await check.query(`SELECT amount, count(*) AS n FROM opportunities GROUP BY amount ORDER BY amount`)).toEqual(
      [{ amount: second, n: 5000 }, { amount: 30, n: 1000 }].sort((x, y) => x.amount - y.amount),
    );
    expect(await check.query(`SELECT count(*) AS n FROM import_log WHERE entity = 'opportunities'`)).toEqual([{ n: 3 }]);
  });

  it('processes asking for KPIs at once after an import build the rollups once and agree', async () => {
    const q = { kpis: ['opportunities_created', 'open_pipeline_value'], from: '2026-01-01', to: '2026-01-31', asOf: '2026-01-31' };
    const results = await Promise.all(stores.map((s) => runKpiQuery(s, q, { cache: false })));
    const values = results.map((r) => r.rows.map((x) => [x.kpi, x.value]));
    // 6,000 opportunities created on 1 January, all open: 5,000 at 10 or 20 (see above) and 1,000 at 30.
    expect(values[0][0]).toEqual(['opportunities_created', 6000]);
    expect(values[1]).toEqual(values[0]);
    expect(values[2]).toEqual(values[0]);
  });
});

describe('several server processes on one database', () => {
  it('servers starting at once migrate once; a session made on one works on the other', async () => {
    const url = await storeLocation('');
    const [s1, s2] = await Promise.all([openStore(url), openStore(url)]);
    try {
      expect(await s1.query(`SELECT count(*) AS n, max(version) AS v FROM schema_migrations`)).toEqual([{ n: 6, v: 6 }]);
      mkdirSync(tmp.join('srv'));
      const f = await makeFixture(tmp.join('srv'), {});
      await f.server.app.close();
      await f.store.close();
      const [storeOne, storeTwo] = [await openStore(f.path), await openStore(f.path)];
      const one = await buildApp(storeOne, { tempDir: tmp.path });
      const two = await buildApp(storeTwo, { tempDir: tmp.path });
      try {
        const creds = await signIn(one, ROLE_USERS.manager.email);
        const me = await two.app.inject({ method: 'GET', url: '/api/auth/me', headers: creds.headers });
        expect(me.statusCode).toBe(200);
        expect(me.json()).toMatchObject({ user: { email: ROLE_USERS.manager.email, role: 'manager' } });
        // The manager's scope holds on the other process: by rep, only team North's (O1 1,000, O3 2,000).
        const report = await two.app.inject({ method: 'GET', url: '/api/report?kpi=revenue&by=rep&from=2026-03-01&to=2026-03-31&as_of=2026-03-31', headers: creds.headers });
        expect(report.statusCode).toBe(200);
        const rows = (report.json() as { rows: { group: { rep: string }; value: number | null }[] }).rows;
        expect(Object.fromEntries(rows.filter((r) => r.value).map((r) => [r.group.rep, r.value]))).toEqual({ R1: 1000, R2: 2000 });
        // Signing out on one ends the session on both.
        expect((await one.app.inject({ method: 'POST', url: '/api/auth/logout', headers: creds.headers })).statusCode).toBe(200);
        expect((await two.app.inject({ method: 'GET', url: '/api/auth/me', headers: creds.headers })).statusCode).toBe(401);
      } finally {
        await one.app.close();
        await two.app.close();
        await storeOne.close();
        await storeTwo.close();
      }
    } finally {
      await s1.close();
      await s2.close();
    }
  });
});

describe('quotient migrate-store', () => {
  let duck = '';
  let pg = '';
  beforeAll(async () => {
    duck = tmp.join('laptop.duckdb');
    const s = await openStore(duck);
    await loadData(s, tmp.path);
    await addUser(s, { email: 'boss@example.com', password: 'a long enough password', role: 'admin' });
    await s.close();
    expect((await runCli(['--db', duck, 'config', 'set', 'timezone', 'Europe/Berlin'])).code).toBe(0);
    pg = await storeLocation('');
  });

  it('copies every table; both stores then hold the same rows, and the KPIs agree', async () => {
    const run = await runCli(['migrate-store', '--from', duck, '--to', pg, '--format', 'json']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.out) as { tables: { table: string; rows: number }[] };
    const rows = Object.fromEntries(r.tables.map((t) => [t.table, t.rows]));
    expect(rows).toMatchObject({ teams: 2, reps: 5, accounts: 2, opportunities: 6, users: 1, import_log: 4 });
    const a = await openStore(duck);
    const b = await openStore(pg);
    try {
      for (const [table, cols] of await tablesOf(a)) {
        if (table === 'schema_migrations') continue;
        const order = cols.map((_, i) => i + 1).join(', ');
        const list = cols.map((c) => `"${c.name}"`).join(', ');
        expect({ table, rows: await b.query(`SELECT ${list} FROM ${table} ORDER BY ${order}`) }).toEqual({ table, rows: await a.query(`SELECT ${list} FROM ${table} ORDER BY ${order}`) });
      }
    } finally {
      await a.close();
      await b.close();
    }
    const kpi = ['report', '--kpi', 'revenue,win_rate', '--from', '2026-03-01', '--to', '2026-03-31', '--as-of', '2026-03-31', '--format', 'json'];
    const onDuck = await runCli(['--db', duck, ...kpi]);
    const onPg = await runCli(['--db', pg, ...kpi]);
    expect(onPg.code).toBe(0);
    const values = (out: string) => (JSON.parse(out) as { rows: { kpi: string; value: number }[] }).rows.map((x) => [x.kpi, x.value]);
    expect(values(onPg.out)).toEqual(values(onDuck.out));
    expect(values(onPg.out)).toEqual([['revenue', 7300], ['win_rate', 0.666667]]);
    expect((await runCli(['--db', pg, 'config', 'get', 'timezone'])).out).toBe('Europe/Berlin\n');
    // Exports of the two stores are the same files, byte for byte.
    expect((await runCli(['--db', duck, 'export', '--out', tmp.join('out-duck')])).code).toBe(0);
    expect((await runCli(['--db', pg, 'export', '--out', tmp.join('out-pg')])).code).toBe(0);
    const files = readdirSync(tmp.join('out-duck')).sort();
    expect(files).toEqual(['accounts.csv', 'opportunities.csv', 'reps.csv', 'teams.csv']);
    expect(readdirSync(tmp.join('out-pg')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(tmp.join('out-pg', f), 'utf8')).toBe(readFileSync(tmp.join('out-duck', f), 'utf8'));
    expect(readFileSync(tmp.join('out-pg', 'opportunities.csv'), 'utf8').split('\n')[1]).toBe('O1,A1,R1,2026-02-01T10:00:00Z,won,,1000,USD,2026-03-05T10:00:00Z,,web,,,,');
  });

  it('refuses a target that already holds data, and copies nothing', async () => {
    const run = await runCli(['migrate-store', '--from', duck, '--to', pg]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('already holds data (accounts, ');
    expect(run.err).toContain('migrate-store only fills an empty store, so nothing was copied');
    const b = await openStore(pg);
    expect(await b.query(`SELECT count(*) AS n FROM opportunities`)).toEqual([{ n: 6 }]);
    await b.close();
  });
});

describe('a dropped connection', () => {
  it('is replaced by a new one: a statement may fail while it breaks, the next ones run', async () => {
    const url = await storeLocation('');
    const [victim, admin] = [await openStore(url), await openStore(url)];
    try {
      const [{ pid }] = await victim.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
      // pg_terminate_backend(pid, timeout) waits until the backend is gone.
      expect(await admin.query(`SELECT pg_terminate_backend(?, 5000) AS gone`, [pid])).toEqual([{ gone: true }]);
      // When the break is seen before the next statement, that statement already reconnects.
      await victim.query(`SELECT 1 AS one`).catch(() => null);
      expect(await victim.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
      expect((await victim.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`))[0].pid).not.toBe(pid);
    } finally {
      await victim.close();
      await admin.close();
    }
  });
});

describe('quotient serve on PostgreSQL', () => {
  it('two server processes on one database; the CLI imports beside them; no server file, no password printed', async () => {
    const url = await storeLocation('');
    // The URL carries the test server's password (quotient:quotient@…); neither server prints it.
    const a = await startServe(url);
    const b = await startServe(url);
    try {
      for (const s of [a, b]) {
        expect(s.output()).toContain('on postgres://quotient:***@127.0.0.1:');
        expect(s.output()).not.toContain(':quotient@');
      }
      // The CLI opens the database directly while both servers hold it.
      const imported = await runCli(['--db', url, 'import', 'reps', tmp.write('serve-reps.csv', 'rep_id,name\nR9,Nia\n'), '--format', 'json']);
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.out).entities[0]).toMatchObject({ inserted: 1 });
      for (const s of [a, b]) {
        const health = await fetch(`${s.url}/api/health`);
        expect(health.status).toBe(200);
      }
      expect(readdirSync(process.cwd()).filter((f) => f.endsWith('.server.json'))).toEqual([]);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
    }
  });
});
