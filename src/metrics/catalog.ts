// The KPI catalog: every KPI of spec/kpis.md, looked up by id, with its texts in each language.
import { UserError } from '../util/errors.js';
import { revenueKpis } from './revenue.js';
import { pipelineKpis } from './pipeline.js';
import { activityKpis } from './activity.js';
import { customerKpis } from './customers.js';
import { en } from './i18n/en.js';
import { de } from './i18n/de.js';
import { nl } from './i18n/nl.js';
import { tr } from './i18n/tr.js';
import { LANGS, type KpiDef, type KpiText, type Lang } from './types.js';

export const catalog: readonly KpiDef[] = [...revenueKpis, ...pipelineKpis, ...activityKpis, ...customerKpis];

const byId = new Map(catalog.map((k) => [k.id, k]));
const texts: Record<Lang, Record<string, readonly [string, string]>> = { en, de, nl, tr };

export function kpiIds(): string[] {
  return catalog.map((k) => k.id);
}

export function findKpi(id: string): KpiDef | undefined {
  return byId.get(id);
}

/** The KPI with this id, or a UserError listing the valid ids. */
export function kpi(id: string): KpiDef {
  const def = byId.get(id);
  if (!def) throw new UserError('bad_argument', `unknown KPI "${id}"; KPIs are: ${kpiIds().join(', ')}`, { kpi: id, valid: kpiIds() });
  return def;
}

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/** Checks a --lang value. */
export function lang(s: string): Lang {
  if (!isLang(s)) throw new UserError('bad_argument', `unknown language "${s}"; languages are: ${LANGS.join(', ')}`, { lang: s, valid: LANGS });
  return s;
}

export function kpiText(id: string, l: Lang = 'en'): KpiText {
  const t = texts[l][id] ?? texts.en[id];
  return { name: t?.[0] ?? id, definition: t?.[1] ?? '' };
}
