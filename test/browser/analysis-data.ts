// Extra data for the analysis pages' browser tests (Funnel, Compare, Explain, Insights), imported
// into the dashboard fixture's store (test/server/fixture.ts: O1–O6 closed in March 2026) through
// the real import. Every number the tests expect is worked out by hand in the comments below.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFiles } from '../../src/ingest/import.js';
import { emptyMapping } from '../../src/ingest/mapping.js';
import type { EntityName } from '../../src/model/fields.js';
import { bumpDataVersion } from '../../src/store/meta.js';
import type { Fixture } from '../server/fixture.js';

/** Imports CSV text per entity (in dependency order) into the fixture's store. */
export async function importRows(f: Fixture, dir: string, files: Partial<Record<EntityName, string>>): Promise<void> {
  const specs = Object.entries(files).map(([entity, text]) => {
    const path = join(dir, `extra-${entity}.csv`);
    writeFileSync(path, text);
    return { entity: entity as EntityName, path, mapping: emptyMapping() };
  });
  const r = await importFiles(f.store, specs);
  if (!r.ok) throw new Error(`extra rows did not import: ${JSON.stringify(r.problems)}`);
  await bumpDataVersion(f.store);
}

/**
 * The funnel: stages Qualification → Proposal → Negotiation, and O7 (R2, created in March, still
 * open in Qualification). Stage changes of March (all at 10:00 UTC; closes as in the fixture):
 *
 *   O1 (R1, won 03-05)  Q 03-01, P 03-02, N 03-04   stays Q 1, P 2, N 1
 *   O2 (R1, lost 03-06) Q 03-01, P 03-03            stays Q 2, P 3
 *   O3 (R2, won 03-10)  Q 03-02, N 03-06 (skips P)  stays Q 4, N 4
 *   O4 (R3, won 03-12)  Q 03-03, P 03-05, N 03-08   stays Q 2, P 3, N 4
 *   O5 (R3, lost 03-15) Q 03-04                     stays Q 11
 *   O6 (M2, won 03-20)  Q 03-05, P 03-10, N 03-15   stays Q 5, P 5, N 5
 *   O7 (R2, open)       Q 03-20                     still open: no stay ended
 */
export const FUNNEL_ROWS: Partial<Record<EntityName, string>> = {
  pipeline_stages: 'stage,position\nQualification,1\nProposal,2\nNegotiation,3\n',
  opportunities: 'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,source\nO7,A1,R2,2026-03-10T10:00:00Z,open,Qualification,900,USD,,web\n',
  stage_changes: [
    'opportunity_id,stage,entered_at',
    ...[
      ['O1', 'Qualification', '01'], ['O1', 'Proposal', '02'], ['O1', 'Negotiation', '04'],
      ['O2', 'Qualification', '01'], ['O2', 'Proposal', '03'],
      ['O3', 'Qualification', '02'], ['O3', 'Negotiation', '06'],
      ['O4', 'Qualification', '03'], ['O4', 'Proposal', '05'], ['O4', 'Negotiation', '08'],
      ['O5', 'Qualification', '04'],
      ['O6', 'Qualification', '05'], ['O6', 'Proposal', '10'], ['O6', 'Negotiation', '15'],
      ['O7', 'Qualification', '20'],
    ].map(([o, s, d]) => `${o},${s},2026-03-${d}T10:00:00Z`),
    '',
  ].join('\n'),
};

/** `total` deals closed 2026-03-10 by a rep with a technique, the first `won` of them won, 1,000 each. */
function deals(prefix: string, from: number, rep: string, technique: string, won: number, total: number): string[] {
  return Array.from({ length: total }, (_, i) => {
    const id = `${prefix}${String(from + i).padStart(2, '0')}`;
    return `${id},A1,${rep},2026-02-15T10:00:00Z,${i < won ? 'won' : 'lost'},,1000,USD,2026-03-10T10:00:00Z,,${technique}`;
  });
}

/**
 * Techniques of 84 more deals closed in March (beside O1–O6, which have none):
 *
 *   challenger C01–C15 R1 (12 won), C16–C30 R3 (12 won)   24 of 30 won
 *   spin       S01–S15 R2 (3 won),  S16–S30 R3 (3 won)     6 of 30
 *   solution   X01–X12 R1 (6 won),  X13–X24 M2 (6 won)     12 of 24
 *   (none)     O1–O6                                       4 of 6
 *
 * All 90: 46 won → 51.1%. Win rate by rep: R1 19 of 29 (O1, O2, C01–C15, X01–X12), R2 4 of 16,
 * R3 16 of 32, M2 7 of 13. Revenue in March: 7,300 + 42 × 1,000 = 49,300.
 */
export const TECHNIQUE_ROWS: Partial<Record<EntityName, string>> = {
  opportunities: [
    'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,source,technique',
    ...deals('C', 1, 'R1', 'challenger', 12, 15),
    ...deals('C', 16, 'R3', 'challenger', 12, 15),
    ...deals('S', 1, 'R2', 'spin', 3, 15),
    ...deals('S', 16, 'R3', 'spin', 3, 15),
    ...deals('X', 1, 'R1', 'solution', 6, 12),
    ...deals('X', 13, 'M2', 'solution', 6, 12),
    '',
  ].join('\n'),
};

/**
 * Leads created in March: web 40 (R1, 30 converted), paid_ads 40 (R3, 4 converted), event 30
 * (R2, 10 converted) — 44 of 110. And targets for March: a revenue quota of 15,000 for R1 (R1's
 * revenue: O1 1,000 + 12 + 6 won at 1,000 = 19,000 → 126.7%) and a company revenue target of
 * 40,000 (49,300 → 123.3%).
 */
export const INSIGHT_ROWS: Partial<Record<EntityName, string>> = {
  leads: [
    'lead_id,created_at,source,rep_id,status',
    ...(
      [
        ['web', 'R1', 30, 40],
        ['paid_ads', 'R3', 4, 40],
        ['event', 'R2', 10, 30],
      ] as const
    ).flatMap(([source, rep, converted, total]) =>
      Array.from({ length: total }, (_, i) => `L-${source}-${i},2026-03-05T10:00:00Z,${source},${rep},${i < converted ? 'converted' : 'disqualified'}`),
    ),
    '',
  ].join('\n'),
  targets: 'target_id,kpi,scope,scope_id,period_start,period_end,value\nTG1,revenue,rep,R1,2026-03-01,2026-03-31,15000\nTG2,revenue,company,,2026-03-01,2026-03-31,40000\n',
};

/**
 * February 2026 for Explain: F1 (R1, web) won 1,000, F2 (R2, referral) lost, F3 (R3, event) won
 * 3,000, F4 (R3, web) lost — 4 closed, 2 won, revenue 4,000 (March: 6 closed, 4 won, 7,300).
 */
export const FEBRUARY_ROWS: Partial<Record<EntityName, string>> = {
  opportunities: [
    'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,source',
    'F1,A1,R1,2026-01-05T10:00:00Z,won,,1000,USD,2026-02-10T10:00:00Z,web',
    'F2,A2,R2,2026-01-06T10:00:00Z,lost,,500,USD,2026-02-11T10:00:00Z,referral',
    'F3,A1,R3,2026-01-07T10:00:00Z,won,,3000,USD,2026-02-12T10:00:00Z,event',
    'F4,A2,R3,2026-01-08T10:00:00Z,lost,,700,USD,2026-02-13T10:00:00Z,web',
    '',
  ].join('\n'),
};

/** Numbers as the dashboard writes them in English (en-US), for expected cells. */
export const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;
