// A finding of GET /api/insights said in the chosen language: each kind's sentence rebuilt from its
// `kind` and `params` (every number the server's English sentence uses is in them; see
// src/analysis/insights/*.ts) with the Insights page's templates. Numbers, money, percentages and
// q-values come through `NumberWords`, so each language writes them its own way.
import type { INSIGHTS_MESSAGES } from '../pages/insights.i18n';

export type InsightKey = keyof (typeof INSIGHTS_MESSAGES)['en'];
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };

export interface InsightLike {
  kind: string;
  params: Record<string, ParamValue>;
  sentence: string;
}

export interface NumberWords {
  /** A rate as a percentage with one decimal. */
  pct(x: number | null): string;
  count(x: number): string;
  money(x: number): string;
  /** "q < 0.001" or "q = 0.023". */
  q(x: number | null): string;
  /** A number with exactly `digits` decimals. */
  fixed(x: number, digits: number): string;
  /** A KPI value in its unit (targets of any KPI). */
  value(kpi: string, x: number | null): string;
  /** A KPI's name as it reads inside a sentence. */
  kpiName(kpi: string): string;
}

type W = (key: InsightKey, params?: Record<string, string | number>) => string;

const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'demo', 'social', 'other'];
const round6 = (x: number) => Math.round(x * 1e6) / 1e6 || 0;

/** The sentence of a finding from its params, or null for a kind without a template. */
export function insightSentence(ins: InsightLike, w: W, n: NumberWords): string | null {
  const p = ins.params;
  const num = (k: string): number => Number(p[k] ?? 0);
  const opt = (k: string): number | null => (p[k] === null || p[k] === undefined ? null : Number(p[k]));
  const str = (k: string): string => String(p[k] ?? '');
  const worth = (key: InsightKey) => (num('at_stake') >= 0.5 ? w(key, { money: n.money(num('at_stake')) }) : '');
  const times = (x: number) => `${n.fixed(x, x < 1 ? 2 : 1)}×`;
  const timesN = (x: number) => n.fixed(x, x < 1 ? 2 : 1);
  switch (ins.kind) {
    case 'rep_below_team': {
      const lead = str('metric') === 'lead_conversion_rate';
      return w(lead ? 's_rep_lead' : 's_rep_win', {
        rep: str('rep_name') || str('rep'),
        team: str('team_name') || str('team'),
        value: n.pct(opt('value')),
        k: n.count(num('numerator')),
        n: n.count(num('n')),
        rest: n.pct(opt('team_rest_value')),
        q: n.q(opt('q')),
        worth: worth(lead ? 'w_rep_lead' : 'w_rep_win'),
      });
    }
    case 'source_best_conversion':
    case 'source_worst_conversion': {
      const best = ins.kind === 'source_best_conversion';
      return w(best ? 's_source_best' : 's_source_worst', {
        source: str('source'),
        value: n.pct(opt('value')),
        k: n.count(num('numerator')),
        n: n.count(num('n')),
        rest: n.pct(opt('rest_value')),
        q: n.q(opt('q')),
        worth: worth(best ? 'w_source_best' : 'w_source_worst'),
      });
    }
    case 'source_cpa': {
      const highest = str('direction') !== 'lowest';
      return w(highest ? 's_cpa_highest' : 's_cpa_lowest', {
        channel: str('channel'),
        cpa: n.money(num('cpa')),
        spend: n.money(num('spend')),
        customers: n.count(num('customers')),
        ratio: times(num('ratio')),
        ratio_n: timesN(num('ratio')),
        average: n.money(num('average')),
        stake: n.money(num('at_stake')),
      });
    }
    case 'activity_separates_outcomes': {
      const type = str('activity_type');
      const known = ACTIVITY_TYPES.includes(type);
      const one = known ? w(`act_${type}_one` as InsightKey) : w('act_any_one', { type });
      const many = known ? w(`act_${type}_many` as InsightKey) : w('act_any_many', { type });
      const wins = str('direction') !== 'more_in_lost';
      const ratio = opt('ratio');
      const ratioText =
        ratio === null ? w('ratio_none_lost') : wins ? times(ratio) : w('ratio_more_lost', { ratio: times(round6(1 / ratio)), ratio_n: timesN(round6(1 / ratio)) });
      return w(wins ? 's_activity_won' : 's_activity_lost', {
        won: n.fixed(num('per_won_deal'), 2),
        lost: n.fixed(num('per_lost_deal'), 2),
        one,
        many,
        ratio: ratioText,
        with: n.pct(opt('with_value')),
        k: n.count(num('with_numerator')),
        n: n.count(num('with_n')),
        without: n.pct(opt('without_value')),
        q: n.q(opt('q')),
      });
    }
    case 'stage_dropoff_worse':
      return w('s_stage_worse', {
        stage: str('stage'),
        value: n.pct(opt('value')),
        k: n.count(num('numerator')),
        n: n.count(num('n')),
        undecided: n.count(num('undecided')),
        history: n.pct(opt('history_value')),
        months: n.count(num('history_months')),
        q: n.q(opt('q')),
        worth: worth('w_stage_worse'),
      });
    case 'stage_bottleneck': {
      const median = opt('median_days');
      const days = median === null ? '' : w(p.longest_stay === true ? 'd_bottleneck_longest' : 'd_bottleneck', { days: n.fixed(median, 1) });
      return w('s_bottleneck', {
        stage: str('stage'),
        drop: n.pct(opt('drop_off')),
        dropped: n.count(num('dropped_off')),
        n: n.count(num('n')),
        others: n.pct(opt('others_drop_off')),
        q: n.q(opt('q')),
        days,
        worth: worth('w_bottleneck'),
      });
    }
    case 'technique_wins_more':
      return w('s_technique', {
        technique: str('technique'),
        value: n.pct(opt('value')),
        k: n.count(num('numerator')),
        n: n.count(num('n')),
        rest: n.pct(opt('rest_value')),
        q: n.q(opt('q')),
        worth: worth('w_technique'),
      });
    case 'target_met': {
      const level = str('level');
      const kpi = str('kpi');
      const met = (Array.isArray(p.met) ? p.met : []) as { name?: ParamValue; attainment?: ParamValue; value?: ParamValue; target?: ParamValue }[];
      if (!met.length) return null;
      const what = kpi === 'revenue' && level !== 'company' ? w('target_quota') : w('target_kpi', { kpi: n.kpiName(kpi) });
      const val = (x: ParamValue | undefined) => n.value(kpi, x === null || x === undefined ? null : Number(x));
      const pctOf = (x: ParamValue | undefined) => n.pct(x === null || x === undefined ? null : Number(x));
      const detail = (e: (typeof met)[number]) => w('target_detail', { pct: pctOf(e.attainment), value: val(e.value), target: val(e.target) });
      if (level === 'company') return w('s_target_company', { what, detail: detail(met[0]) });
      if (met.length === 1) return w(level === 'team' ? 's_target_team_one' : 's_target_rep_one', { name: String(met[0].name ?? ''), what, detail: detail(met[0]) });
      const named = met
        .slice(0, 5)
        .map((e) => w('target_named', { name: String(e.name ?? ''), pct: pctOf(e.attainment) }))
        .join(', ');
      const more = met.length > 5 ? w('target_more', { count: n.count(met.length - 5) }) : '';
      return w(level === 'team' ? 's_target_teams' : 's_target_reps', { count: n.count(num('count')), of: n.count(num('of')), what, named, more });
    }
    default:
      return null;
  }
}
