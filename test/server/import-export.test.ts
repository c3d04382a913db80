// Import by upload and export by download: the same validation as the CLI, atomic, with
// line-numbered problems; uploads stream to disk under a size limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { useTempDir } from '../helpers/tmp.js';
import { buildApp } from '../../src/server/app.js';
import { makeFixture, signIn, type Credentials, type Fixture } from './fixture.js';

const tmp = useTempDir('quotient-upload-');
let f: Fixture;
let admin: Credentials;

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  admin = await signIn(f.server, 'admin@example.com');
});
afterAll(async () => {
  await f.server.app.close();
  await f.store.close();
});

const count = async (table: string) => Number((await f.store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
const upload = (entity: string, body: string, contentType = 'text/csv', query = '') =>
  f.server.app.inject({ method: 'POST', url: `/api/import/${entity}${query}`, headers: { ...admin.headers, 'content-type': contentType }, payload: body });

function multipart(name: string, content: string, boundary = 'qbound'): { payload: string; contentType: string } {
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('POST /api/import/{entity}', () => {
  it('a CSV with a bad row: 400 invalid_data with the line-numbered problem, and nothing imported', async () => {
    const before = await count('opportunities');
    const csv = 'opportunity_id,account_id,rep_id,created_at,status,amount\nO10,A1,R1,2026-03-01T10:00:00Z,open,100\nO11,A1,R1,2026-03-02T10:00:00Z,open,lots\nO12,A1,R1,2026-03-03T10:00:00Z,open,300\n';
    const res = await upload('opportunities', csv);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('invalid_data');
    expect(body.error.message).toBe('opportunities.csv: 1 invalid value; nothing was imported');
    expect(body.error.details.problems).toEqual([
      expect.objectContaining({ code: 'bad_value', file: 'opportunities.csv', line: 3, column: 'amount', value: 'lots', severity: 'error' }),
    ]);
    expect(await count('opportunities')).toBe(before);
  });

  it('a good file is written and reported like `quotient import --format json`', async () => {
    const res = await upload('accounts', 'account_id,name,segment\nA3,Initech,SMB\nA1,Acme,enterprise\n');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, written: true, entities: [{ entity: 'accounts', file: 'accounts.csv', rows: 2, inserted: 1, updated: 1 }] });
    expect(await count('accounts')).toBe(3);
  });

  it('multipart uploads keep the file’s name in problems', async () => {
    const m = multipart('my export.csv', 'account_id,name\nA4,\n');
    const res = await f.server.app.inject({ method: 'POST', url: '/api/import/accounts', headers: { ...admin.headers, 'content-type': m.contentType }, payload: m.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.problems[0]).toMatchObject({ file: 'my_export.csv', line: 2, column: 'name', code: 'required' });
    const ok = multipart('teams.csv', 'team_id,name\nT3,West\n');
    const good = await f.server.app.inject({ method: 'POST', url: '/api/import/teams', headers: { ...admin.headers, 'content-type': ok.contentType }, payload: ok.payload });
    expect(good.statusCode, good.body).toBe(200);
  });

  it('JSON Lines by content type; TSV by format parameter', async () => {
    expect((await upload('products', '{"product_id":"P1","name":"Core"}\n', 'application/x-ndjson')).statusCode).toBe(200);
    expect((await upload('products', 'product_id\tname\nP2\tAdd-on\n', 'application/octet-stream', '?format=tsv')).statusCode).toBe(200);
    expect(await count('products')).toBe(2);
  });

  it('an empty body and a JSON body are refused with a clear 400', async () => {
    const empty = await upload('teams', '');
    expect(empty.statusCode).toBe(400);
    const json = await f.server.app.inject({ method: 'POST', url: '/api/import/teams', headers: admin.headers, payload: { team_id: 'T9' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toMatch(/Content-Type text\/csv/);
  });

  it('an upload over the limit is 413, and no temporary file is left behind', async () => {
    const small = await buildApp(f.store, { uploadLimit: 64, tempDir: tmp.join('limit') });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(tmp.join('limit'), { recursive: true });
    const c = await signIn(small, 'admin@example.com');
    const big = 'account_id,name\n' + Array.from({ length: 20 }, (_, i) => `B${i},Big ${i}`).join('\n') + '\n';
    const res = await small.app.inject({ method: 'POST', url: '/api/import/accounts', headers: { ...c.headers, 'content-type': 'text/csv' }, payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    const m = multipart('accounts.csv', big);
    const res2 = await small.app.inject({ method: 'POST', url: '/api/import/accounts', headers: { ...c.headers, 'content-type': m.contentType }, payload: m.payload });
    expect(res2.statusCode).toBe(413);
    expect(readdirSync(tmp.join('limit'))).toEqual([]);
    expect(await count('accounts')).toBe(3);
    await small.app.close();
  });

  it('imports are in the audit log', async () => {
    const rows = await f.store.query<{ action: string; target: string }>(`SELECT action, target FROM audit_log WHERE action LIKE 'import%' ORDER BY occurred_at`);
    expect(rows.slice(0, 2)).toEqual([{ action: 'import_failed', target: 'opportunities' }, { action: 'import', target: 'accounts' }]);
  });
});

describe('GET /api/export/{entity}.csv', () => {
  it('downloads the entity in the import format', async () => {
    const res = await f.server.app.inject({ url: '/api/export/reps.csv', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="reps.csv"');
    expect(res.body.split('\n').slice(0, 2)).toEqual(['rep_id,name,email,team_id,role,hire_date,end_date', 'M1,Mia Manager,,T1,manager,2024-01-01,']);
  });
  it('an unknown entity is 400 naming the valid ones', async () => {
    const res = await f.server.app.inject({ url: '/api/export/secrets.csv', headers: admin.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/"teams"\|"reps"/);
  });
});
