// GET /api/events on a real server: open dashboards hear of new data within 2 s — of a push, of
// an import through the API, and (by polling the data version) of a write the server itself did
// not announce, as another process on a shared PostgreSQL store would make.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { createToken } from '../../src/server/auth/tokens.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { bumpDataVersion, dataVersion } from '../../src/store/meta.js';
import { importFiles } from '../../src/ingest/import.js';
import { emptyMapping } from '../../src/ingest/mapping.js';
import { makeFixture, ROLE_USERS, PASSWORD, type Fixture } from './fixture.js';

const tmp = useTempDir('quotient-events-');
let f: Fixture;
let running: RunningServer;
let token: string;

interface Event {
  event: string;
  id?: string;
  data: { version: number; entities?: string[] };
}

interface Listener {
  status: number;
  contentType: string | null;
  events: Event[];
  comments: string[];
  /** Whether the server ended the stream. */
  ended: boolean;
  /** The first event after `from` (an index into events) that passes the test, waiting up to ms. */
  next(test: (e: Event) => boolean, ms: number, from?: number): Promise<Event>;
  close(): void;
}

/** An EventSource-like client: reads the stream and parses its frames. */
async function listen(headers: Record<string, string>, path = '/api/events'): Promise<Listener> {
  const abort = new AbortController();
  const res = await fetch(running.url + path, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: Event[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const state = { ended: false };
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const fields: Record<string, string> = {};
            for (const line of frame.split('\n')) {
              if (line.startsWith(':')) comments.push(line);
              else {
                const i = line.indexOf(':');
                fields[line.slice(0, i)] = line.slice(i + 1).trim();
              }
            }
            if (fields.data !== undefined) events.push({ event: fields.event ?? 'message', id: fields.id, data: JSON.parse(fields.data) });
            for (const w of waiters) w();
          }
        }
        state.ended = true;
      } catch {
        // aborted
      }
    })();
  }
  return {
    get ended() {
      return state.ended;
    },
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    comments,
    next: (test, ms, from = 0) =>
      new Promise<Event>((resolve, reject) => {
        const look = () => {
          const hit = events.slice(from).find(test);
          if (hit) {
            waiters.delete(look);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`));
        }, ms);
        waiters.add(look);
        look();
      }),
    close: () => abort.abort(),
  };
}

const auth = () => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  await f.server.app.close();
  token = (await createToken(f.store, f.users.admin, 'events', 'read-write')).token;
  running = await startServer(f.store, f.path, { port: 0, host: '127.0.0.1', tempDir: tmp.path, events: { heartbeatMs: 300 } });
});
afterAll(async () => {
  await running?.stop();
});

describe('GET /api/events', () => {
  it('a signed-in caller gets an event stream that starts with the data version; nobody else does', async () => {
    const anonymous = await fetch(running.url + '/api/events');
    expect([anonymous.status, (await anonymous.json()).error.code]).toEqual([401, 'unauthenticated']);
    const l = await listen(auth());
    expect([l.status, l.contentType]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const ready = await l.next((e) => e.event === 'ready', 2000);
    expect(ready.data).toEqual({ version: await running.server.context.gate.run(dataVersion) });
    // Heartbeats keep the stream alive between changes.
    await expect.poll(() => l.comments.length, { timeout: 2000 }).toBeGreaterThan(0);
    expect(l.comments[0]).toMatch(/^: heartbeat /);
    l.close();
    await expect.poll(() => running.server.context.events.listeners, { timeout: 2000 }).toBe(0);
  });

  it('a session cookie is enough (what EventSource sends)', async () => {
    const login = await fetch(running.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ROLE_USERS.viewer.email, password: PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect((await login.json()).csrfToken).toEqual(expect.any(String));
    const l = await listen({ cookie });
    expect(l.status).toBe(200);
    await l.next((e) => e.event === 'ready', 2000);
    l.close();
  });

  it('a push reaches a listener within 2 s, naming the entity', async () => {
    const l = await listen(auth());
    const ready = await l.next((e) => e.event === 'ready', 2000);
    const started = Date.now();
    const res = await fetch(running.url + '/api/ingest/accounts', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify([{ account_id: 'A3', name: 'Initech' }]) });
    expect([res.status, (await res.json()).inserted]).toEqual([200, 1]);
    const e = await l.next((x) => x.event === 'data', 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(e.data).toEqual({ version: ready.data.version + 1, entities: ['accounts'] });
    expect(e.id).toBe(String(e.data.version));
    l.close();
  });

  it('an import through the API reaches every listener within 2 s', async () => {
    const [a, b] = [await listen(auth()), await listen(auth())];
    await Promise.all([a.next((e) => e.event === 'ready', 2000), b.next((e) => e.event === 'ready', 2000)]);
    const res = await fetch(running.url + '/api/import/reps', { method: 'POST', headers: { ...auth(), 'content-type': 'text/csv' }, body: 'rep_id,name,email,team_id,role,hire_date\nR4,Rosa Rep,,T2,rep,2025-01-01\n' });
    expect([res.status, (await res.json()).ok]).toEqual([200, true]);
    for (const l of [a, b]) expect((await l.next((e) => e.event === 'data', 2000)).data.entities).toEqual(['reps']);
    a.close();
    b.close();
  });

  it('a write the server did not announce is found by polling the data version within 2 s', async () => {
    const l = await listen(auth());
    const ready = await l.next((e) => e.event === 'ready', 2000);
    // As another process would: a change of the data version, then an import, neither announced.
    await running.server.context.gate.run(bumpDataVersion);
    const bumped = await l.next((e) => e.event === 'data', 2000);
    expect(bumped.data).toEqual({ version: ready.data.version + 1, entities: [] });
    const seen = l.events.length;
    await running.server.context.gate.run(async (store) => {
      const r = await importFiles(store, [{ entity: 'accounts', path: tmp.write('accounts.csv', 'account_id,name\nA4,Umbrella\n'), mapping: emptyMapping() }]);
      expect(r.ok).toBe(true);
    });
    const imported = await l.next((e) => e.event === 'data', 2000, seen);
    expect(imported.data).toEqual({ version: ready.data.version + 2, entities: ['accounts'] });
    l.close();
  });

  it('once=true answers the data version and ends', async () => {
    const res = await fetch(running.url + '/api/events?once=true', { headers: auth() });
    expect(await res.text()).toMatch(/^retry: 2000\nid: \d+\nevent: ready\ndata: \{"version":\d+\}\n\n$/);
  });

  it('stopping the server ends open streams', async () => {
    // node:http rather than fetch for this stream.
    const ended = await new Promise<{ ready: boolean; end: Promise<number> }>((resolve, reject) => {
      const req = request(running.url + '/api/events', { headers: auth() }, (res) => {
        let text = '';
        const end = new Promise<number>((done) => res.on('close', () => done(Date.now())));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('event: ready')) resolve({ ready: true, end });
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(ended.ready).toBe(true);
    const stopped = Date.now();
    const stopping = running.stop();
    expect((await ended.end) - stopped).toBeLessThan(2000);
    // The keep-alive connections fetch holds from the earlier tests would be waited out (72 s).
    running.server.app.server.closeAllConnections();
    await stopping;
    expect(running.server.context.events.listeners).toBe(0);
  }, 20_000);
});
