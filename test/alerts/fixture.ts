// Hand-built data for the alert tests (noon UTC, zone UTC).
//
//   T1 North: R1, R2        T2 South: R3
//   R1 revenue: 1,000 on 2026-02-05, 800 on 2026-03-05, 500 on 2026-04-05
//     → as of 2026-03-15: March to date 800 against 1,000 in February 1–15 (−20%)
//   R2 revenue: 1,000 on 2026-02-05 and on 2026-03-05 (no change)
//   R3 win rate: February 18 won of 20 closed (90%); March 1–15 4 won of 20 (20%), 10 each
import { at, times, type Rows } from '../fixtures/kpi/store.js';
import { migrate } from '../../src/store/migrate.js';
import type { Store } from '../../src/store/store.js';
import { storeWith } from '../fixtures/kpi/store.js';

const opp = (id: string, rep: string, closed: string, status: 'won' | 'lost', amount: number) => ({ opportunity_id: id, rep_id: rep, created_at: at('2026-01-02'), closed_at: at(closed), status, amount });

export const alertData: Rows = {
  teams: [
    { team_id: 'T1', name: 'North', manager_rep_id: null, region: 'EMEA' },
    { team_id: 'T2', name: 'South', manager_rep_id: null, region: 'NA' },
  ],
  reps: [
    { rep_id: 'R1', name: 'Rita', team_id: 'T1', role: 'rep', hire_date: '2024-01-01' },
    { rep_id: 'R2', name: 'Rolf', team_id: 'T1', role: 'rep', hire_date: '2024-01-01' },
    { rep_id: 'R3', name: 'Ravi', team_id: 'T2', role: 'rep', hire_date: '2024-01-01' },
  ],
  opportunities: [
    opp('O1', 'R1', '2026-02-05', 'won', 1000),
    opp('O2', 'R1', '2026-03-05', 'won', 800),
    opp('O3', 'R1', '2026-04-05', 'won', 500),
    opp('O4', 'R2', '2026-02-05', 'won', 1000),
    opp('O5', 'R2', '2026-03-05', 'won', 1000),
    ...times(20, (i) => opp(`F${i}`, 'R3', '2026-02-06', i < 18 ? 'won' : 'lost', 10)),
    ...times(20, (i) => opp(`M${i}`, 'R3', '2026-03-06', i < 4 ? 'won' : 'lost', 10)),
  ],
};

/** An in-memory store with these rows and every migration (alert tables included). */
export async function alertStore(data: Rows = alertData): Promise<Store> {
  const store = await storeWith(data);
  await migrate(store);
  return store;
}
