// Alert rules: --scope, --when and the KPI are checked with clear messages (exit 2 in the CLI).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRule, listRules, parseWhen, removeRule } from '../../src/alerts/rules.js';
import type { Store } from '../../src/store/store.js';
import { alertStore } from './fixture.js';

let store: Store;
beforeAll(async () => {
  store = await alertStore();
});
afterAll(() => store.close());

describe('parseWhen', () => {
  it('reads the five conditions', () => {
    expect(parseWhen('below_target')).toEqual({ condition: 'below_target', threshold: null });
    expect(parseWhen('below:1000')).toEqual({ condition: 'below', threshold: 1000 });
    expect(parseWhen('above:0.5')).toEqual({ condition: 'above', threshold: 0.5 });
    expect(parseWhen('change:-0.1')).toEqual({ condition: 'change', threshold: -0.1 });
    expect(parseWhen('significant_drop')).toEqual({ condition: 'significant_drop', threshold: null });
  });

  it('refuses anything else, saying what is expected', () => {
    const expected = '--when: expected below_target, below:X, above:X, change:X (a share: -0.1 = fell 10% or more, 0.2 = rose 20% or more) or significant_drop; got "under:5"';
    expect(() => parseWhen('under:5')).toThrow(expected);
    expect(() => parseWhen('below:abc')).toThrow('got "below:abc"');
    expect(() => parseWhen('change:0')).toThrow('--when: change:X needs a share other than 0, e.g. -0.1 for a drop of 10%; got 0');
  });
});

describe('addRule', () => {
  it('checks the KPI, the scope and the condition', async () => {
    await expect(addRule(store, { kpi: 'nope', scope: 'company', when: 'below:1' })).rejects.toThrow(/^unknown KPI "nope"; KPIs are: /);
    await expect(addRule(store, { kpi: 'revenue', scope: 'region:EU', when: 'below:1' })).rejects.toThrow('--scope: expected company, team:TEAM_ID or rep:REP_ID, e.g. team:T01 or rep:R012; got "region:EU"');
    await expect(addRule(store, { kpi: 'revenue', scope: 'rep:NOPE', when: 'below:1' })).rejects.toThrow('unknown rep "NOPE"; import it with the reps first');
    await expect(addRule(store, { kpi: 'revenue', scope: 'team:T9', when: 'below:1' })).rejects.toThrow('unknown team "T9"; teams are: T1, T2');
    await expect(addRule(store, { kpi: 'revenue', scope: 'company', when: 'significant_drop' })).rejects.toThrow(
      '--when significant_drop needs a rate (a KPI with a significance test, e.g. win_rate); revenue is not one, so use change:-0.1 (a drop of 10% or more) instead',
    );
    await expect(addRule(store, { kpi: 'revenue', scope: 'company', when: 'below:1', webhook: 'ftp://x' })).rejects.toThrow('--webhook: "ftp://x" is not an http or https URL');
    await expect(addRule(store, { kpi: 'revenue', scope: 'company', when: 'below:1', period: 'last_week' })).rejects.toThrow('--period: expected this_month, this_quarter, this_year; got "last_week"');
  });

  it('writes, lists and removes a rule', async () => {
    const r = await addRule(store, { id: 'A1', kpi: 'revenue', scope: 'rep:R1', when: 'change:-0.1', webhook: 'http://localhost/x', email: 'boss@example.com' });
    expect(r).toMatchObject({ rule_id: 'A1', kpi: 'revenue', scope: 'rep', scope_id: 'R1', condition: 'change', threshold: -0.1, period: 'this_month', webhook: 'http://localhost/x', email: 'boss@example.com', active_key: null });
    await expect(addRule(store, { id: 'A1', kpi: 'revenue', scope: 'company', when: 'below:1' })).rejects.toThrow('alert rule id A1 is in use; choose another or remove it (quotient alerts remove A1)');
    expect((await listRules(store)).map((x) => x.rule_id)).toEqual(['A1']);
    expect((await removeRule(store, 'A1')).rule_id).toBe('A1');
    await expect(removeRule(store, 'A1')).rejects.toThrow('no alert rule has the id "A1"; quotient alerts list shows them');
  });
});
