// Data for the Targets and Alerts pages' browser tests, imported into the dashboard fixture's
// store (test/server/fixture.ts: O1–O6 closed in March 2026) through the real import. Every number
// the tests expect is worked out by hand here.
//
// One more deal: O8 (R2, won 1,000 on 2026-03-25). Revenue in March then:
//   company  O1 1,000 + O3 2,000 + O4 4,000 + O6 300 + O8 1,000 = 8,300
//   North (T1: M1, R1, R2)  R1 1,000 + R2 3,000 = 4,000     South (T2: M2, R3)  4,000 + 300 = 4,300
//   R1 1,000   R2 3,000   R3 4,000 (win rate: O4 won, O5 lost → 1 of 2 = 50%)
//
// Targets for March 2026 (judged as of 2026-03-31, the period's last day: the period has ended, so
// the projection is the final value and the status is the attainment against the thresholds,
// by default on track ≥ 100%, at risk ≥ 85%, else off track):
//   TGC  revenue  company     10,000   8,300 → 83.0%  off track
//   TGS  revenue  team T2      5,000   4,300 → 86.0%  at risk
//   TGR  revenue  rep R1       1,250   1,000 → 80.0%  off track
//   TGW  win rate rep R3         60%     50% → 83.3%  off track
export { importRows } from './analysis-data.js';

export const TARGET_ROWS = {
  opportunities: 'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,source\nO8,A1,R2,2026-02-15T10:00:00Z,won,,1000,USD,2026-03-25T10:00:00Z,web\n',
  targets: [
    'target_id,kpi,scope,scope_id,period_start,period_end,value',
    'TGC,revenue,company,,2026-03-01,2026-03-31,10000',
    'TGS,revenue,team,T2,2026-03-01,2026-03-31,5000',
    'TGR,revenue,rep,R1,2026-03-01,2026-03-31,1250',
    'TGW,win_rate,rep,R3,2026-03-01,2026-03-31,0.6',
    '',
  ].join('\n'),
};

export interface Thresholds {
  on_track: number;
  at_risk: number;
}

/** The status of an attainment against the thresholds the API reports (as src/targets/pacing.ts). */
export function statusOf(attainment: number, t: Thresholds): 'on_track' | 'at_risk' | 'off_track' {
  return attainment >= t.on_track ? 'on_track' : attainment >= t.at_risk ? 'at_risk' : 'off_track';
}
