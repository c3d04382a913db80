// The OpenAPI document and the docs page describe exactly the routes the server serves, from
// the same zod schemas that validate requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { reportQuery } from '../../src/server/routes/report.js';
import { makeFixture, type Fixture } from './fixture.js';

const tmp = useTempDir('quotient-openapi-');
let f: Fixture;
type Doc = { openapi: string; paths: Record<string, Record<string, { parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]; requestBody?: unknown; security: unknown[]; 'x-access': string }>> };
let doc: Doc;

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  doc = (await f.server.app.inject({ url: '/api/openapi.json' })).json();
});
afterAll(async () => {
  await f.server.app.close();
  await f.store.close();
});

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 with one operation per served route', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([path, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(ops).toEqual(f.server.registered.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`).sort());
  });

  it('the report parameters are the validating schema’s fields, with their rules', () => {
    const params = doc.paths['/api/report'].get.parameters;
    expect(params.map((p) => p.name).sort()).toEqual(Object.keys(reportQuery.shape).sort());
    expect(params.find((p) => p.name === 'kpi')).toMatchObject({ in: 'query', required: true, schema: { type: 'string', maxLength: 2000 } });
    expect(params.find((p) => p.name === 'grain')!.schema).toMatchObject({ enum: ['day', 'week', 'month', 'quarter', 'year'] });
    expect(params.find((p) => p.name === 'lang')).toMatchObject({ required: false, schema: { default: 'en' } });
  });

  it('bodies, uploads and access are described', () => {
    expect(doc.paths['/api/users'].post.requestBody).toMatchObject({ content: { 'application/json': { schema: { required: ['email', 'password', 'role'], additionalProperties: false } } } });
    expect(Object.keys((doc.paths['/api/import/{entity}'].post.requestBody as { content: object }).content)).toEqual(expect.arrayContaining(['text/csv', 'multipart/form-data']));
    expect(doc.paths['/api/health'].get).toMatchObject({ 'x-access': 'public', security: [] });
    expect(doc.paths['/api/users'].get['x-access']).toBe('admin');
  });

  it('the alert delivery log: its query and the shape of each attempt', () => {
    const op = doc.paths['/api/alerts/deliveries'].get as unknown as { parameters: { name: string }[]; 'x-access': string; responses: { 200: { content: { 'application/json': { schema: { properties: { deliveries: { items: { properties: object; required: string[] } } } } } } } } };
    expect([op['x-access'], op.parameters.map((p) => p.name).sort()]).toEqual(['admin', ['event_id', 'limit']]);
    const item = op.responses[200].content['application/json'].schema.properties.deliveries.items;
    const fields = ['event_id', 'rule_id', 'channel', 'target', 'attempt', 'status_code', 'error', 'delivered', 'at'];
    expect([Object.keys(item.properties), item.required]).toEqual([fields, fields]);
  });
});

describe('GET /api/docs', () => {
  it('is one self-contained HTML page listing every operation with its parameters', async () => {
    const res = await f.server.app.inject({ url: '/api/docs' });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3)/);
    for (const [path, ops] of Object.entries(doc.paths)) for (const m of Object.keys(ops)) expect(html).toContain(`${m.toUpperCase()}</span> <span class="path">${path}</span>`);
    expect(html).toContain('<code>filter</code>');
    expect(html).toContain('<h2 id="schemas">Schemas</h2>');
  });
});
