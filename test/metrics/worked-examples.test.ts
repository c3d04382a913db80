// Every worked example of spec/kpis.md, reproduced from data that encodes it.
import { describe, expect, it } from 'vitest';
import { at, report, storeWith, times, valueOf } from '../fixtures/kpi/store.js';

const rep = (id: string, name = id) => ({ rep_id: id, name, role: 'rep', hire_date: '2025-01-01' });
const won = (id: string, closed: string, amount: number, more: Record<string, unknown> = {}) => ({
  opportunity_id: id, rep_id: 'R1', created_at: at('2026-09-01'), status: 'won', closed_at: at(closed), amount, ...more,
});

describe('worked examples of kpis.md', () => {
  it('revenue: 100 basic subscriptions at $25 and 100 premium at $50 sold in 30 days: $7,500', async () => {
    const opps = times(200, (i) => won(`O${i}`, `2026-10-${String(1 + (i % 30)).padStart(2, '0')}`, 1));
    const items = times(200, (i) => ({ opportunity_id: `O${i}`, product_id: i < 100 ? 'BASIC' : 'PREMIUM', quantity: 1, unit_price: i < 100 ? 25 : 50 }));
    const store = await storeWith({
      reps: [rep('R1')],
      products: [{ product_id: 'BASIC', name: 'Basic' }, { product_id: 'PREMIUM', name: 'Premium' }],
      opportunities: opps,
      line_items: items,
    });
    const r = await report(store, { kpis: ['revenue', 'revenue_per_product'], period: '2026-10' });
    expect(valueOf(r, 'revenue').value).toBe(7500);
    expect(valueOf(r, 'revenue_per_product', { product: 'BASIC' }).value).toBe(2500);
    await store.close();
  });

  it('revenue_per_rep: Jim sold 10 items at $1,000 last month: $10,000', async () => {
    const store = await storeWith({
      reps: [rep('R7', 'Jim'), rep('R8', 'Ann')],
      opportunities: [won('J1', '2026-10-14', 0, { rep_id: 'R7' }), won('A1', '2026-10-15', 300, { rep_id: 'R8' })],
      products: [{ product_id: 'ITEM', name: 'Item' }],
      line_items: [{ opportunity_id: 'J1', product_id: 'ITEM', quantity: 10, unit_price: 1000 }],
    });
    const r = await report(store, { kpis: ['revenue_per_rep'], period: 'last_month', by: ['rep'] });
    expect(valueOf(r, 'revenue_per_rep', { rep: 'R7' })).toMatchObject({ period: '2026-10', value: 10000 });
    await store.close();
  });

  it('revenue_per_product: 100 widgets at $100 and 50 service contracts at $500 last quarter: $10,000 and $25,000', async () => {
    const store = await storeWith({
      reps: [rep('R1')],
      products: [{ product_id: 'WIDGET', name: 'Widget' }, { product_id: 'SERVICE', name: 'Service contract' }],
      opportunities: [won('W', '2026-08-03', 1), won('S', '2026-09-30', 1)],
      line_items: [
        { opportunity_id: 'W', product_id: 'WIDGET', quantity: 100, unit_price: 100 },
        { opportunity_id: 'S', product_id: 'SERVICE', quantity: 50, unit_price: 500 },
      ],
    });
    const r = await report(store, { kpis: ['revenue_per_product'], period: 'last_quarter' });
    expect(r.rows.map((x) => [x.group.product, x.value])).toEqual([['SERVICE', 25000], ['WIDGET', 10000]]);
    await store.close();
  });

  it('opportunity_win_ratio: 100 prospects worked, 36 deals won last month: 36%', async () => {
    const opps = times(100, (i) =>
      i < 36 ? won(`O${i}`, '2026-10-20', 100) : i < 60 ? { ...won(`O${i}`, '2026-10-21', 100), status: 'lost' } : { ...won(`O${i}`, '2026-10-01', 100), status: 'open', closed_at: null },
    );
    const store = await storeWith({ reps: [rep('R1')], opportunities: opps });
    const r = await report(store, { kpis: ['opportunity_win_ratio'], period: 'last_month' });
    expect(valueOf(r, 'opportunity_win_ratio')).toMatchObject({ value: 0.36, numerator: 36, denominator: 100, n: 100, status: 'ok' });
    await store.close();
  });

  it('average_deal_size: 100 deals closed, $50,000 earned: $500', async () => {
    const store = await storeWith({ reps: [rep('R1')], opportunities: times(100, (i) => won(`O${i}`, '2026-10-10', 500)) });
    const r = await report(store, { kpis: ['average_deal_size'], period: '2026-10' });
    expect(valueOf(r, 'average_deal_size')).toMatchObject({ value: 500, numerator: 50000, denominator: 100 });
    await store.close();
  });

  it('sales_cycle_length: five deals taking 27, 28, 19, 21 and 20 days: 23 days', async () => {
    const store = await storeWith({
      reps: [rep('R1')],
      opportunities: [27, 28, 19, 21, 20].map((d, i) => ({ ...won(`O${i}`, '2026-10-31', 100), created_at: at(`2026-10-${String(31 - d).padStart(2, '0')}`) })),
    });
    const r = await report(store, { kpis: ['sales_cycle_length'], period: '2026-10' });
    expect(valueOf(r, 'sales_cycle_length')).toMatchObject({ value: 23, beside: { median: 21 } });
    await store.close();
  });

  it('activities: rep A last week: 200 calls, 150 emails, 10 meetings', async () => {
    const kinds = [...times(200, () => 'call'), ...times(150, () => 'email'), ...times(10, () => 'meeting')];
    const store = await storeWith({
      reps: [rep('A')],
      activities: kinds.map((type, i) => ({ activity_id: `X${i}`, rep_id: 'A', type, occurred_at: at(`2026-11-${String(16 + (i % 7)).padStart(2, '0')}`) })),
    });
    const r = await report(store, { kpis: ['activities'], period: 'last_week', by: ['rep'] });
    expect(r.rows.map((x) => [x.group.rep, x.group.activity_type, x.value])).toEqual([['A', 'call', 200], ['A', 'email', 150], ['A', 'meeting', 10]]);
    await store.close();
  });

  it('quota_attainment: $40,000 won against a $50,000 target: 80%', async () => {
    const store = await storeWith({
      reps: [rep('R1')],
      opportunities: [won('O1', '2026-10-10', 40000)],
      targets: [{ target_id: 'Q', kpi: 'revenue', scope: 'rep', scope_id: 'R1', period_start: '2026-10-01', period_end: '2026-10-31', value: 50000 }],
    });
    const r = await report(store, { kpis: ['quota_attainment'], period: '2026-10', by: ['rep'] });
    expect(valueOf(r, 'quota_attainment', { rep: 'R1' })).toMatchObject({ value: 0.8, numerator: 40000, denominator: 50000 });
    const company = await report(store, { kpis: ['quota_attainment'], period: '2026-10' });
    expect(valueOf(company, 'quota_attainment').value).toBe(0.8);
    await store.close();
  });

  it('nps: 100 answers: 30 of 0–6, 15 of 7–8, 55 of 9–10: NPS 25', async () => {
    const scores = [...times(30, (i) => i % 7), ...times(15, (i) => 7 + (i % 2)), ...times(55, (i) => 9 + (i % 2))];
    const store = await storeWith({
      survey_responses: scores.map((score, i) => ({ response_id: `N${i}`, kind: 'nps', score, responded_at: at('2026-10-05') })),
    });
    const r = await report(store, { kpis: ['nps'], period: '2026-10' });
    expect(valueOf(r, 'nps')).toMatchObject({ value: 25, n: 100 });
    await store.close();
  });
});
