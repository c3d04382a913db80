// The values a filter can take, with their names: teams, reps, products, product lines, lead
// sources, segments and techniques — for pickers and for naming ids on screen. Reps are listed
// only within the asker's scope (their rep detail); teams within the teams they may see.
import type { Store } from '../store/store.js';

export interface DimensionValues {
  teams: { id: string; name: string; region: string | null }[];
  reps: { id: string; name: string; team_id: string | null; role: string | null; active: boolean }[];
  products: { id: string; name: string; product_line: string | null }[];
  sources: string[];
  segments: string[];
  techniques: string[];
}

export interface ValueScope {
  reps: readonly string[] | 'all';
  teams: readonly string[] | 'all';
}

const distinct = async (store: Store, sql: string): Promise<string[]> => (await store.query<{ v: string }>(sql)).map((r) => r.v);

export async function dimensionValues(store: Store, scope: ValueScope, today: string): Promise<DimensionValues> {
  const inList = (ids: readonly string[]) => ids.map(() => '?').join(', ') || 'NULL';
  const teamWhere = scope.teams === 'all' ? '' : `WHERE team_id IN (${inList(scope.teams)})`;
  const repWhere = scope.reps === 'all' ? '' : `WHERE rep_id IN (${inList(scope.reps)})`;
  const teams = await store.query<{ id: string; name: string; region: string | null }>(
    `SELECT team_id AS id, name, region FROM teams ${teamWhere} ORDER BY name, team_id`,
    scope.teams === 'all' ? [] : [...scope.teams],
  );
  const reps = await store.query<{ id: string; name: string; team_id: string | null; role: string | null; active: boolean }>(
    `SELECT rep_id AS id, name, team_id, role, (end_date IS NULL OR end_date >= CAST(? AS DATE)) AS active FROM reps ${repWhere} ORDER BY name, rep_id`,
    [today, ...(scope.reps === 'all' ? [] : scope.reps)],
  );
  return {
    teams,
    reps,
    products: await store.query<{ id: string; name: string; product_line: string | null }>(`SELECT product_id AS id, name, product_line FROM products ORDER BY name, product_id`),
    sources: await distinct(store, `SELECT DISTINCT source AS v FROM (SELECT source FROM leads UNION ALL SELECT source FROM opportunities) WHERE source IS NOT NULL ORDER BY 1`),
    segments: await distinct(store, `SELECT DISTINCT segment AS v FROM accounts WHERE segment IS NOT NULL ORDER BY 1`),
    techniques: await distinct(store, `SELECT DISTINCT technique AS v FROM opportunities WHERE technique IS NOT NULL ORDER BY 1`),
  };
}
