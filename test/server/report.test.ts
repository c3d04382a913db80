// The API's KPI numbers are the CLI's: the same query through GET /api/report and
// `quotient report --format json` gives the same JSON (and likewise for records); and what a
// role sees of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { runCli } from '../helpers/cli.js';
import { openStore } from '../../src/store/open.js';
import { buildApp, type QuotientServer } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';
import { makeFixture, signIn, type Credentials } from './fixture.js';

const tmp = useTempDir('quotient-report-');
let path: string;
let store: Store;
let server: QuotientServer;
const who = {} as Record<'admin' | 'manager' | 'rep' | 'viewer', Credentials>;

const QUERIES: { api: string; cli: string[] }[] = [
  { api: 'kpi=revenue,win_rate,average_deal_size&period=2026-03&as_of=2026-04-15', cli: ['--kpi', 'revenue,win_rate,average_deal_size', '--period', '2026-03', '--as-of', '2026-04-15'] },
  { api: 'kpi=revenue,win_rate&from=2026-01-01&to=2026-03-31&grain=month&by=rep&as_of=2026-04-15', cli: ['--kpi', 'revenue,win_rate', '--from', '2026-01-01', '--to', '2026-03-31', '--grain', 'month', '--by', 'rep', '--as-of', '2026-04-15'] },
  { api: 'kpi=revenue&period=2026-Q1&by=team&filter=source=web,event&filter=team=T1,T2&compare=previous_period&as_of=2026-04-15', cli: ['--kpi', 'revenue', '--period', '2026-Q1', '--by', 'team', '--filter', 'source=web,event', '--filter', 'team=T1,T2', '--compare', 'previous_period', '--as-of', '2026-04-15'] },
];

const cli: { reports: unknown[]; records: unknown; analyses: unknown[] } = { reports: [], records: null, analyses: [] };

const ANALYSES: { api: string; cli: string[] }[] = [
  { api: '/api/compare?kpi=win_rate&by=source&period=2026-Q1&as_of=2026-04-15', cli: ['compare', '--kpi', 'win_rate', '--by', 'source', '--period', '2026-Q1', '--as-of', '2026-04-15'] },
  { api: '/api/explain?period=2026-03&vs=previous_period&as_of=2026-04-15', cli: ['explain', '--period', '2026-03', '--vs', 'previous_period', '--as-of', '2026-04-15'] },
  { api: '/api/funnel?period=2026-Q1&by=team&as_of=2026-04-15', cli: ['funnel', '--period', '2026-Q1', '--by', 'team', '--as-of', '2026-04-15'] },
  { api: '/api/forecast?period=2026-Q2&as_of=2026-04-15&by=team&backtest=2', cli: ['forecast', '--period', '2026-Q2', '--as-of', '2026-04-15', '--by', 'team', '--backtest', '2'] },
  { api: '/api/insights?period=2026-Q1&as_of=2026-04-15&limit=5', cli: ['insights', '--period', '2026-Q1', '--as-of', '2026-04-15', '--limit', '5'] },
  { api: '/api/insights?as_of=2026-04-15', cli: ['insights', '--as-of', '2026-04-15'] },
];

beforeAll(async () => {
  const f = await makeFixture(tmp.path);
  path = f.path;
  await f.server.app.close();
  await f.store.close();
  // The CLI opens the store file itself, so it runs while the server is closed.
  for (const q of QUERIES) {
    const r = await runCli(['--db', path, 'report', ...q.cli, '--format', 'json']);
    if (r.code !== 0) throw new Error(r.err);
    cli.reports.push(JSON.parse(r.out));
  }
  const records = await runCli(['--db', path, 'records', '--kpi', 'win_rate', '--period', '2026-03', '--as-of', '2026-04-15', '--format', 'json']);
  if (records.code !== 0) throw new Error(records.err);
  cli.records = JSON.parse(records.out);
  for (const a of ANALYSES) {
    const r = await runCli(['--db', path, ...a.cli, '--format', 'json']);
    if (r.code !== 0) throw new Error(r.err);
    cli.analyses.push(JSON.parse(r.out));
  }
  await open();
});
afterAll(async () => {
  await server?.app.close();
  await store?.close();
});

async function open(): Promise<void> {
  store = await openStore(path);
  server = await buildApp(store);
  who.admin = await signIn(server, 'admin@example.com');
  who.manager = await signIn(server, 'mia@example.com');
  who.rep = await signIn(server, 'rita@example.com');
  who.viewer = await signIn(server, 'vic@example.com');
}

const get = (url: string, c: Credentials) => server.app.inject({ url, headers: c.headers });

describe('the API and the CLI give the same numbers', () => {
  it('compare, explain, funnel, forecast and insights: identical JSON for the same query', async () => {
    for (const [i, a] of ANALYSES.entries()) {
      const res = await get(a.api, who.admin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual(cli.analyses[i]);
    }
  });
  it('report and records: identical JSON for the same query', async () => {
    for (const [i, q] of QUERIES.entries()) {
      const res = await get(`/api/report?${q.api}`, who.admin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual(cli.reports[i]);
    }
    const api = await get('/api/records?kpi=win_rate&period=2026-03&as_of=2026-04-15', who.admin);
    expect(api.json()).toEqual(cli.records);
    const values = (cli.reports[0] as { rows: { kpi: string; value: number }[] }).rows.map((r) => [r.kpi, r.value]);
    expect(values).toEqual([['revenue', 7300], ['win_rate', expect.closeTo(4 / 6, 6)], ['average_deal_size', 1825]]);
  });

  it('the catalog is `quotient kpis --format json`', async () => {
    const cli = await runCli(['kpis', '--format', 'json', '--lang', 'de']);
    expect((await get('/api/kpis?lang=de', who.viewer)).json()).toEqual(JSON.parse(cli.out));
  });
});

describe('what each role sees', () => {
  const Q = '/api/report?kpi=revenue&period=2026-03&as_of=2026-04-15';
  const byGroup = async (url: string, c: Credentials) => Object.fromEntries((await get(url, c)).json().rows.map((r: { group: Record<string, string>; value: number }) => [Object.values(r.group).join('/'), r.value]));

  it('company totals are the same for everyone', async () => {
    for (const c of Object.values(who)) expect(await byGroup(Q, c)).toEqual({ '': 7300 });
  });
  it('by rep: admin all reps, the manager their team, the rep only themselves; the viewer is refused', async () => {
    expect(await byGroup(`${Q}&by=rep`, who.admin)).toEqual({ M2: 300, R1: 1000, R2: 2000, R3: 4000 });
    expect(await byGroup(`${Q}&by=rep`, who.manager)).toEqual({ R1: 1000, R2: 2000 });
    expect(await byGroup(`${Q}&by=rep`, who.rep)).toEqual({ R1: 1000 });
    expect((await get(`${Q}&by=rep`, who.viewer)).statusCode).toBe(403);
  });
  it('by team: a rep sees their own team’s total, not the other team’s', async () => {
    expect(await byGroup(`${Q}&by=team`, who.admin)).toEqual({ T1: 3000, T2: 4300 });
    expect(await byGroup(`${Q}&by=team`, who.rep)).toEqual({ T1: 3000 });
  });
  it('records: a rep gets only their own; no other rep’s id appears', async () => {
    const res = (await get('/api/records?kpi=win_rate&period=2026-03', who.rep)).json();
    const reps = new Set(res.sets.flatMap((s: { rows: { rep_id: string }[] }) => s.rows.map((r) => r.rep_id)));
    expect([...reps]).toEqual(['R1']);
  });
  it('the echoed query shows the scope the engine applied', async () => {
    expect((await get(`${Q}&by=rep`, who.manager)).json().query.scope).toEqual({ reps: ['M1', 'R1', 'R2'] });
  });
});
