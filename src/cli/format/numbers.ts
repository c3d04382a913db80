// Locale number formats (Intl) for KPI values: money in the reporting currency, rates as
// percentages, NPS points, days and counts.
import type { Lang, Unit } from '../../metrics/types.js';
import { LOCALES, label } from './labels.js';

export function formatNumber(v: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(v);
}

export function formatValue(v: number | null, unit: Unit, lang: Lang, currency: string): string {
  if (v === null) return '—';
  const locale = LOCALES[lang];
  switch (unit) {
    case 'money':
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v);
    case 'ratio':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(v);
    case 'days':
      return `${formatNumber(v, lang, 1)} ${label(lang, 'days')}`;
    case 'points':
      return `${formatNumber(v, lang, 1)} ${label(lang, 'points')}`;
    case 'count':
      return formatNumber(v, lang, 2);
  }
}

/** A change of a value: signed, in the value's unit (percentage points for rates). */
export function formatDelta(v: number | null, unit: Unit, lang: Lang, currency: string): string {
  if (v === null) return '—';
  const sign = v > 0 ? '+' : '';
  if (unit === 'ratio') return `${sign}${formatNumber(v * 100, lang, 1)} pp`;
  return sign + formatValue(v, unit, lang, currency);
}
