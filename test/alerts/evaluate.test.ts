// Evaluating alert rules on the hand-built store of fixture.ts, as of a date: the conditions,
// pacing, and each alert fired once per occurrence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertFeed, checkAlerts } from '../../src/alerts/evaluate.js';
import { addRule, findRule } from '../../src/alerts/rules.js';
import { insert, storeWith } from '../fixtures/kpi/store.js';
import { pacingData } from '../targets/fixture.js';
import { migrate } from '../../src/store/migrate.js';
import { bumpDataVersion } from '../../src/store/meta.js';
import type { Store } from '../../src/store/store.js';
import { alertStore } from './fixture.js';

describe('conditions, as of 2026-03-15 (March to date)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await alertStore();
    await addRule(store, { id: 'B1', kpi: 'revenue', scope: 'rep:R1', when: 'below:900' });
    await addRule(store, { id: 'B2', kpi: 'revenue', scope: 'rep:R1', when: 'above:900' });
    await addRule(store, { id: 'C1', kpi: 'revenue', scope: 'rep:R1', when: 'change:-0.1' });
    await addRule(store, { id: 'C2', kpi: 'revenue', scope: 'rep:R2', when: 'change:-0.1' });
    await addRule(store, { id: 'C3', kpi: 'revenue', scope: 'rep:R1', when: 'change:-0.25' });
    await addRule(store, { id: 'S1', kpi: 'win_rate', scope: 'rep:R3', when: 'significant_drop' });
    await addRule(store, { id: 'S2', kpi: 'win_rate', scope: 'rep:R3', when: 'change:0.1' });
  });
  afterAll(() => store.close());

  it('below:900 fires on 800, above:900 does not; change:-0.1 fires on a 20% drop, not on none or for −25%; a significant drop fires', async () => {
    const r = await checkAlerts(store, { asOf: '2026-03-15' });
    expect(r.rules.map((x) => [x.rule_id, x.state, x.value])).toEqual([
      ['B1', 'fired', 800], ['B2', 'clear', 800], ['C1', 'fired', 800], ['C2', 'clear', 1000], ['C3', 'clear', 800], ['S1', 'fired', 0.2], ['S2', 'clear', 0.2],
    ]);
    const byRule = new Map(r.fired.map((f) => [f.event.rule_id, f.event]));
    expect(byRule.get('B1')).toMatchObject({ occurrence_key: 'B1:2026-03:below', period: '2026-03', as_of: '2026-03-15', value: 800, message: 'revenue for rep:R1 is 800.00 USD (2026-03 to 2026-03-15), below 900.00 USD' });
    expect(byRule.get('C1')!.message).toBe('revenue for rep:R1 fell 20.0% to 800.00 USD (2026-03 to 2026-03-15) from 1,000.00 USD (2026-02-01..2026-02-15)');
    expect(byRule.get('S1')!.occurrence_key).toBe('S1:2026-03:significant_drop');
    expect(byRule.get('S1')!.message).toMatch(/^win_rate for rep:R3 dropped significantly to 20\.0% .* from 90\.0% .*, p = 0\.0000\d+$/);
  });

  it('fires once per occurrence: a second check in the same period fires nothing; the next period fires again', async () => {
    const again = await checkAlerts(store, { asOf: '2026-03-20' });
    expect(again.fired).toEqual([]);
    expect(again.rules.find((x) => x.rule_id === 'B1')!.state).toBe('still_true');
    expect((await findRule(store, 'B1'))!.active_key).toBe('B1:2026-03:below');
    const april = await checkAlerts(store, { asOf: '2026-04-10', ruleIds: ['B1'] });
    expect(april.fired.map((f) => [f.event.occurrence_key, f.event.value])).toEqual([['B1:2026-04:below', 500]]);
    const feed = await alertFeed(store);
    expect(feed.filter((e) => e.rule_id === 'B1').map((e) => e.occurrence_key)).toEqual(['B1:2026-04:below', 'B1:2026-03:below']);
    expect(feed).toHaveLength(4);
  });

  it('a condition that cleared and came back in the same period fires again (#2)', async () => {
    // R1's April to date: 500 as of 04-10 (above 400: fires), 0 as of 04-04 (clear), 500 again as of 04-12.
    await addRule(store, { id: 'U1', kpi: 'revenue', scope: 'rep:R1', when: 'above:400' });
    expect((await checkAlerts(store, { asOf: '2026-04-10', ruleIds: ['U1'] })).fired.map((f) => f.event.occurrence_key)).toEqual(['U1:2026-04:above']);
    expect((await checkAlerts(store, { asOf: '2026-04-04', ruleIds: ['U1'] })).rules[0].state).toBe('clear');
    expect((await findRule(store, 'U1'))!.active_key).toBeNull();
    expect((await checkAlerts(store, { asOf: '2026-04-12', ruleIds: ['U1'] })).fired.map((f) => f.event.occurrence_key)).toEqual(['U1:2026-04:above#2']);
    expect((await checkAlerts(store, { asOf: '2026-04-13', ruleIds: ['U1'] })).fired).toEqual([]);
  });

  it('a rule that cannot be judged keeps its state and says why', async () => {
    await addRule(store, { id: 'N1', kpi: 'revenue', scope: 'rep:R1', when: 'below_target' });
    const r = await checkAlerts(store, { asOf: '2026-03-15', ruleIds: ['N1'] });
    expect(r.rules).toEqual([{ rule_id: 'N1', state: 'unknown', value: null, period: null, reason: 'no revenue target for rep:R1 runs on 2026-03-15' }]);
  });
});

describe('below_target: the pacing status of the target running on as-of (at_risk or off_track)', () => {
  let store: Store;
  beforeAll(async () => {
    // targets/fixture.ts as of 2026-03-15: R1 projects 10,000 of 10,000 (on track), R2 9,000 (at risk), R3 5,000 (off track).
    store = await storeWith(pacingData);
    await migrate(store);
    const march = (id: string, rep: string) => ({ target_id: id, kpi: 'revenue', scope: 'rep', scope_id: rep, period_start: '2026-03-01', period_end: '2026-03-31', value: 10000 });
    await insert(store, 'targets', [march('P1', 'R1'), march('P2', 'R2'), march('P3', 'R3')]);
    await bumpDataVersion(store);
    for (const rep of ['R1', 'R2', 'R3']) await addRule(store, { id: `T-${rep}`, kpi: 'revenue', scope: `rep:${rep}`, when: 'below_target' });
  });
  afterAll(() => store.close());

  it('fires for the at-risk and off-track reps, not the one on track', async () => {
    const r = await checkAlerts(store, { asOf: '2026-03-15' });
    expect(r.rules.map((x) => [x.rule_id, x.state, x.value, x.period])).toEqual([
      ['T-R1', 'clear', 4000, '2026-03'], ['T-R2', 'fired', 3600, '2026-03'], ['T-R3', 'fired', 2000, '2026-03'],
    ]);
    expect(r.fired.map((f) => [f.event.occurrence_key, f.event.message])).toEqual([
      ['T-R2:2026-03:below_target', 'revenue for rep:R2 is at risk for its 2026-03 target 10,000.00 USD: 3,600.00 USD so far, projected 9,000.00 USD (90.0%)'],
      ['T-R3:2026-03:below_target', 'revenue for rep:R3 is off track for its 2026-03 target 10,000.00 USD: 2,000.00 USD so far, projected 5,000.00 USD (50.0%)'],
    ]);
    expect((await checkAlerts(store, { asOf: '2026-03-16' })).fired).toEqual([]);
  });
});
