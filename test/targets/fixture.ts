// A sales team whose pacing in March 2026 (as of 2026-03-15) is worked out by hand in
// test/targets/pacing.test.ts. Times are noon UTC; the organisation's zone is UTC.
//
//   T1 North (manager M1): R1, R2        T2 South (manager M2): R3, R4 (hired 2026-03-01)
//
// History: in each of the six months before March (2025-09 … 2026-02) R1, R2 and R3 each won
// 400 on the 10th and 600 on the 20th: 400 of 1,000 (40%) by the 15th, also in February.
// March so far (closed on 03-05): R1 won 4,000, R2 3,600, R3 2,000, R4 1,000; R1 lost one deal
// (500, closed 03-08). Sales cycles of the four won deals: 30, 20, 40 and 10 days (mean 25).
// R1 created six new (open) opportunities on 03-02 … 03-07; no other opportunity was created in
// the months before March except the four March deals (R3's in January, the rest in February).
import { at, type Rows } from '../fixtures/kpi/store.js';

const MONTHS = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'];

function history(rep: string) {
  return MONTHS.flatMap((m) => [
    { opportunity_id: `${rep}-${m}-a`, rep_id: rep, created_at: at('2025-06-01'), closed_at: at(`${m}-10`), status: 'won', amount: 400 },
    { opportunity_id: `${rep}-${m}-b`, rep_id: rep, created_at: at('2025-06-01'), closed_at: at(`${m}-20`), status: 'won', amount: 600 },
  ]);
}

export const pacingData: Rows = {
  teams: [
    { team_id: 'T1', name: 'North', manager_rep_id: 'M1', region: 'EMEA' },
    { team_id: 'T2', name: 'South', manager_rep_id: 'M2', region: 'NA' },
  ],
  reps: [
    { rep_id: 'M1', name: 'Mia', team_id: 'T1', role: 'manager', hire_date: '2024-01-01' },
    { rep_id: 'R1', name: 'Rita', team_id: 'T1', role: 'rep', hire_date: '2024-01-01' },
    { rep_id: 'R2', name: 'Rolf', team_id: 'T1', role: 'rep', hire_date: '2024-01-01' },
    { rep_id: 'M2', name: 'Max', team_id: 'T2', role: 'manager', hire_date: '2024-01-01' },
    { rep_id: 'R3', name: 'Ravi', team_id: 'T2', role: 'rep', hire_date: '2024-01-01' },
    { rep_id: 'R4', name: 'Rosa', team_id: 'T2', role: 'rep', hire_date: '2026-03-01' },
  ],
  opportunities: [
    ...history('R1'),
    ...history('R2'),
    ...history('R3'),
    { opportunity_id: 'M-R1', rep_id: 'R1', created_at: at('2026-02-03'), closed_at: at('2026-03-05'), status: 'won', amount: 4000 },
    { opportunity_id: 'M-R2', rep_id: 'R2', created_at: at('2026-02-13'), closed_at: at('2026-03-05'), status: 'won', amount: 3600 },
    { opportunity_id: 'M-R3', rep_id: 'R3', created_at: at('2026-01-24'), closed_at: at('2026-03-05'), status: 'won', amount: 2000 },
    { opportunity_id: 'M-R4', rep_id: 'R4', created_at: at('2026-02-23'), closed_at: at('2026-03-05'), status: 'won', amount: 1000 },
    { opportunity_id: 'M-L1', rep_id: 'R1', created_at: at('2026-03-01'), closed_at: at('2026-03-08'), status: 'lost', amount: 500 },
    ...[2, 3, 4, 5, 6, 7].map((d) => ({ opportunity_id: `N-R1-${d}`, rep_id: 'R1', created_at: at(`2026-03-0${d}`), status: 'open', amount: 100, stage: 'Qualification' })),
  ],
};
