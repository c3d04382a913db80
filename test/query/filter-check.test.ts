// A filter value that matches nothing is named in a warning, with values that do exist.
import { describe, expect, it } from 'vitest';
import { report, storeWith } from '../fixtures/kpi/store.js';
import { small } from '../fixtures/kpi/small.js';

describe('filter values that match nothing', () => {
  it('warns about team=T9 and lists the teams; known values give no warning', async () => {
    const store = await storeWith(small);
    const bad = await report(store, { kpis: ['revenue'], period: '2026-10', filters: { team: ['T1', 'T9'] } });
    expect(bad.warnings).toEqual(['filter team=T9 matches no team in the store (known values include: T1, T2)']);
    const good = await report(store, { kpis: ['revenue'], period: '2026-10', filters: { team: ['T1'] } });
    expect(good.warnings).toEqual([]);
    await store.close();
  });
  it('treats an empty currency as the reporting currency', async () => {
    const store = await storeWith(small);
    const r = await report(store, { kpis: ['revenue'], period: '2026-10', filters: { currency: ['USD'] } });
    expect(r.warnings).toEqual([]);
    await store.close();
  });
});
