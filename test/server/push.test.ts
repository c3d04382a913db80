// POST /api/ingest/{entity}: records pushed as a JSON array or JSON Lines, validated like an
// import, written all or nothing, idempotent by key and by Idempotency-Key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { createToken } from '../../src/server/auth/tokens.js';
import { dataVersion } from '../../src/store/meta.js';
import { bearer, makeFixture, ROLE_USERS, signIn, type Credentials, type Fixture } from './fixture.js';

const tmp = useTempDir('quotient-push-');
let f: Fixture;
let admin: Credentials;

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  admin = bearer((await createToken(f.store, f.users.admin, 'crm hook', 'read-write')).token);
});
afterAll(async () => {
  await f.server.app.close();
  await f.store.close();
});

const opp = (id: string, status: string, amount: unknown, closed: string, rep = 'R2') => ({
  opportunity_id: id,
  account_id: 'A1',
  rep_id: rep,
  created_at: '2026-03-01T10:00:00Z',
  status,
  amount,
  currency: 'USD',
  closed_at: closed,
  source: 'web',
});

function push(entity: string, body: string, opts: { type?: string; key?: string; creds?: Credentials } = {}) {
  return f.server.app.inject({
    method: 'POST',
    url: `/api/ingest/${entity}`,
    headers: { ...(opts.creds ?? admin).headers, 'content-type': opts.type ?? 'application/json', ...(opts.key ? { 'idempotency-key': opts.key } : {}) },
    payload: body,
  });
}

const count = async (sql: string) => Number((await f.store.query<{ n: number }>(sql))[0].n);
const opportunityIds = async () => (await f.store.query<{ id: string }>(`SELECT opportunity_id AS id FROM opportunities ORDER BY 1`)).map((r) => r.id);
async function march(kpi: string): Promise<number> {
  const res = await f.server.app.inject({ url: `/api/report?kpi=${kpi}&from=2026-03-01&to=2026-03-31&as_of=2026-03-31`, headers: admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { rows: { value: number }[] }).rows[0].value;
}

describe('POST /api/ingest/{entity}', () => {
  it('a batch with one bad record writes nothing and names the record', async () => {
    const before = await dataVersion(f.store);
    const res = await push('opportunities', JSON.stringify([opp('O7', 'won', 700, '2026-03-25T10:00:00Z'), opp('O8', 'won', 'lots', '2026-03-26T10:00:00Z')]));
    expect(res.statusCode, res.body).toBe(400);
    const e = res.json().error;
    expect(e.code).toBe('invalid_data');
    expect(e.message).toBe('opportunities: 1 of 2 records are invalid (1 problem); nothing was written');
    expect(e.details.records).toEqual([{ index: 1, id: 'O8', field: 'amount', value: 'lots', expected: expect.any(String), code: 'bad_value' }]);
    expect(await opportunityIds()).toEqual(['O1', 'O2', 'O3', 'O4', 'O5', 'O6']);
    expect(await dataVersion(f.store)).toBe(before);
  });

  it('JSON Lines problems name the record by its index, not the line (blank lines are no records)', async () => {
    const body = [JSON.stringify(opp('O7', 'won', 700, '2026-03-25T10:00:00Z')), '', JSON.stringify(opp('O8', 'won', 800, '2026-03-26T10:00:00Z', 'NOBODY')), '{not json', ''].join('\n');
    const res = await push('opportunities', body, { type: 'application/x-ndjson' });
    expect(res.statusCode, res.body).toBe(400);
    const records = res.json().error.details.records as { index: number; id: string | null; field: string | null; code: string }[];
    expect(records.map((r) => [r.index, r.id, r.field, r.code]).sort()).toEqual([
      [1, 'O8', 'rep_id', 'unknown_reference'],
      [2, null, null, 'malformed_row'],
    ]);
    expect(await opportunityIds()).toEqual(['O1', 'O2', 'O3', 'O4', 'O5', 'O6']);
  });

  it('a good JSON array writes exactly its records, and the KPIs see them', async () => {
    // March before: won O1 1000 + O3 2000 + O4 4000 + O6 300 = 7,300 of six closed, 4 won.
    expect([await march('revenue'), await march('win_rate')]).toEqual([7300, 0.666667]);
    const res = await push('opportunities', JSON.stringify([opp('O7', 'won', 700, '2026-03-25T10:00:00Z'), opp('O8', 'lost', 900, '2026-03-26T10:00:00Z')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, entity: 'opportunities', records: 2, inserted: 2, updated: 0, unchanged: 0, warnings: [] });
    expect(await opportunityIds()).toEqual(['O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8']);
    expect(await f.store.query(`SELECT status, amount FROM opportunities WHERE opportunity_id IN ('O7', 'O8') ORDER BY opportunity_id`)).toEqual([
      { status: 'won', amount: 700 },
      { status: 'lost', amount: 900 },
    ]);
    // After: 7,300 + 700 = 8,000; 5 won of 8 closed = 0.625 (the cached report is not served again).
    expect([await march('revenue'), await march('win_rate')]).toEqual([8000, 0.625]);
  });

  it('good JSON Lines write exactly their records', async () => {
    const body = [JSON.stringify(opp('O9', 'won', 1000, '2026-03-28T10:00:00Z')), JSON.stringify(opp('O7', 'won', 750, '2026-03-25T10:00:00Z'))].join('\r\n');
    const res = await push('opportunities', body, { type: 'application/jsonl' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ records: 2, inserted: 1, updated: 1, unchanged: 0 });
    expect(await count(`SELECT count(*) AS n FROM opportunities`)).toBe(9);
    // 8,000 + 1,000 (O9) + 50 (O7 now 750) = 9,050; 6 won of 9 closed.
    expect([await march('revenue'), await march('win_rate')]).toEqual([9050, 0.666667]);
  });

  it('pushing the same records again without a key changes nothing', async () => {
    const body = JSON.stringify([{ account_id: 'A3', name: 'Initech' }, { account_id: 'A4', name: 'Umbrella' }]);
    expect((await push('accounts', body)).json()).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    const again = await push('accounts', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ records: 2, inserted: 0, updated: 0, unchanged: 2 });
    expect(await count(`SELECT count(*) AS n FROM accounts`)).toBe(4);
  });

  it('a retry with the same Idempotency-Key writes once and answers the first answer', async () => {
    const body = JSON.stringify([{ account_id: 'A5', name: 'Hooli' }]);
    const first = await push('accounts', body, { key: 'sync-2026-03-31-1' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const version = await dataVersion(f.store);
    const pushes = await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'records_pushed'`);
    const logged = await count(`SELECT count(*) AS n FROM import_log`);
    const retry = await push('accounts', body, { key: 'sync-2026-03-31-1' });
    expect([retry.statusCode, retry.body, retry.headers['idempotent-replayed']]).toEqual([200, first.body, 'true']);
    expect(retry.json()).toMatchObject({ inserted: 1 });
    expect(await dataVersion(f.store)).toBe(version);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'records_pushed'`)).toBe(pushes);
    expect(await count(`SELECT count(*) AS n FROM import_log`)).toBe(logged);
    expect(await count(`SELECT count(*) AS n FROM idempotency_keys WHERE idempotency_key = 'sync-2026-03-31-1'`)).toBe(1);
  });

  it('an invalid batch under a key answers its 400 again', async () => {
    const body = JSON.stringify([{ account_id: '', name: 'No id' }]);
    const first = await push('accounts', body, { key: 'bad-batch' });
    expect(first.statusCode).toBe(400);
    const retry = await push('accounts', body, { key: 'bad-batch' });
    expect([retry.statusCode, retry.body, retry.headers['idempotent-replayed']]).toEqual([400, first.body, 'true']);
  });

  it('the same key with another body is refused and writes nothing', async () => {
    const res = await push('accounts', JSON.stringify([{ account_id: 'A6', name: 'Other' }]), { key: 'sync-2026-03-31-1' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'idempotency_key_reused', message: expect.stringMatching(/was used for another request body/) });
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE account_id = 'A6'`)).toBe(0);
    // The same body under a new key is a new request.
    expect((await push('accounts', JSON.stringify([{ account_id: 'A6', name: 'Other' }]), { key: 'sync-2' })).statusCode).toBe(200);
  });

  it('a read-only token, a rep’s token and a session without the CSRF header are refused', async () => {
    const body = JSON.stringify([{ account_id: 'A9', name: 'Nope' }]);
    const read = await push('accounts', body, { creds: bearer(f.readToken) });
    expect([read.statusCode, read.json().error.message]).toEqual([403, 'this API token is read-only; it cannot change anything']);
    expect((await push('accounts', body, { creds: bearer(f.repToken) })).statusCode).toBe(403);
    const session = await signIn(f.server, ROLE_USERS.admin.email);
    const { 'x-csrf-token': _csrf, ...cookieOnly } = session.headers;
    expect((await push('accounts', body, { creds: { headers: cookieOnly } })).statusCode).toBe(403);
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE account_id = 'A9'`)).toBe(0);
    // The admin's session with its CSRF header may push.
    expect((await push('accounts', body, { creds: session })).statusCode).toBe(200);
  });

  it('bodies that are not records are a 400, and the push is audited', async () => {
    for (const [type, body, message] of [
      ['application/json', '{"account_id": "A1"}', /must be a JSON array/],
      ['application/json', '[{"account_id": ', /not valid JSON/],
      ['text/csv', 'account_id,name\nA1,Acme\n', /.+/],
    ] as const) {
      const res = await push('accounts', body, { type });
      expect(res.statusCode, body).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    const empty = await push('accounts', '[]');
    expect([empty.statusCode, empty.json().records]).toEqual([200, 0]);
    const audit = await f.server.app.inject({ url: '/api/audit?action=records_pushed&limit=1', headers: admin.headers });
    expect(audit.json()[0]).toMatchObject({ action: 'records_pushed', actor: 'admin@example.com', target: 'accounts', details: { records: 1, format: 'json' } });
  });

  it('the body limit is the upload limit', async () => {
    const { buildApp } = await import('../../src/server/app.js');
    const small = await buildApp(f.store, { tempDir: tmp.path, uploadLimit: 100 });
    try {
      const res = await small.app.inject({ method: 'POST', url: '/api/ingest/accounts', headers: { ...admin.headers, 'content-type': 'application/x-ndjson' }, payload: '{"account_id":"A1","name":"Acme"}\n'.repeat(10) });
      expect([res.statusCode, res.json().error.code]).toEqual([413, 'payload_too_large']);
    } finally {
      await small.app.close();
    }
  });
});
