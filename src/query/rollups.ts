// Derived tables for KPI queries (opportunity values in reporting currency, first won deals,
// stage stays, activity counts per opportunity), built lazily on the first query after an
// import and rebuilt when the store's data version or a setting they depend on changed. The
// version they were built for is recorded in store_meta (key kpi_rollups). A read-only store
// reads them inline as subqueries instead.
import type { Store } from '../store/store.js';
import { constLiteral } from '../store/sql.js';
import { dataVersion } from '../store/meta.js';
import type { RelationName, SqlContext } from './context.js';
import type { SqlTemplates } from './dialect.js';
import { relations } from './relations.js';

export type RollupMode = 'stored' | 'inline';

export interface ContextSettings {
  timezone: string;
  currency: string;
  stages: readonly string[];
  rampThreshold: number;
}

const META_KEY = 'kpi_rollups';
/** Bump when a relation's SQL changes, so stored rollups are rebuilt. */
const ROLLUP_SCHEMA = 3;

export function tableOf(name: RelationName): string {
  return `kpi_rollup_${name}`;
}

function baseContext(sql: SqlTemplates, s: ContextSettings, rel: SqlContext['rel']): SqlContext {
  return { sql, tz: constLiteral(s.timezone), cur: constLiteral(s.currency), settingStages: s.stages, rampThreshold: s.rampThreshold, rel };
}

function inlineRel(ctx: () => SqlContext): SqlContext['rel'] {
  return (name) => `(${relations.find((r) => r.name === name)!.select(ctx())})`;
}

/** A context whose relations are all inline subqueries. */
export function inlineContext(sql: SqlTemplates, s: ContextSettings): SqlContext {
  const ctx: SqlContext = baseContext(sql, s, inlineRel(() => ctx));
  return ctx;
}

/** The advisory lock key of rollup builds on a PostgreSQL store ("QROL"). */
const ROLLUP_LOCK = 0x51524f4c;

// Rollups already checked in this process, per store: skips the store_meta read on warm queries.
const fresh = new WeakMap<Store, string>();

/** A context reading stored rollups, (re)building them first when stale. Falls back to inline. */
export async function prepareContext(store: Store, sql: SqlTemplates, s: ContextSettings, mode: RollupMode = 'stored'): Promise<SqlContext> {
  if (mode === 'inline') return inlineContext(sql, s);
  const stored = new Set(relations.filter((r) => r.materialize).map((r) => r.name));
  const ctx: SqlContext = baseContext(sql, s, (name) => (stored.has(name) ? tableOf(name) : inlineRel(() => ctx)(name)));
  const version = await dataVersion(store);
  const stamp = JSON.stringify({ v: version, schema: ROLLUP_SCHEMA, tz: s.timezone, cur: s.currency, stages: s.stages });
  if (fresh.get(store) === stamp) return ctx;
  const rows = await store.query<{ value: string }>(`SELECT value FROM store_meta WHERE key = ?`, [META_KEY]);
  if (rows[0]?.value !== stamp) {
    try {
      await store.transaction(async () => {
        // Several processes on one PostgreSQL store: one builds, the others wait and find it built.
        if (store.dialect === 'postgres') {
          await store.query(`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`);
          const now = await store.query<{ value: string }>(`SELECT value FROM store_meta WHERE key = ?`, [META_KEY]);
          if (now[0]?.value === stamp) return;
        }
        for (const r of relations) if (r.materialize) await store.exec(sql.createTableAs(tableOf(r.name), r.select(ctx), false));
        await store.query(`DELETE FROM store_meta WHERE key = ?`, [META_KEY]);
        await store.query(`INSERT INTO store_meta VALUES (?, ?)`, [META_KEY, stamp]);
      });
    } catch (e) {
      if (/read-only|read only/i.test(String(e))) return inlineContext(sql, s);
      throw e;
    }
  }
  fresh.set(store, stamp);
  return ctx;
}

/** Forgets what this process knows about a store's rollups (tests that rewrite data in place). */
export function forgetRollups(store: Store): void {
  fresh.delete(store);
}
