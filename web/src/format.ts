// Numbers, money, percentages and dates in the locale of the chosen language.
import type { Unit } from './types';

export interface Formatter {
  value(x: number | null, unit: Unit): string;
  delta(x: number | null, unit: Unit): string;
  percent(x: number | null, digits?: number): string;
  money(x: number | null): string;
  count(x: number | null): string;
  date(iso: string): string;
  /** A period key as the API names it (2026-10, 2026-Q3, 2026-W10, 2026, 2026-10-05) in words. */
  period(key: string): string;
}

export function formatter(locale: string, currency: string, words: { days: (v: string) => string; points: (v: string) => string; pp: (v: string) => string }): Formatter {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  const moneyExact = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const pct = (digits: number) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
  const num = (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
  const dateFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const monthFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const dash = '–';
  const value = (x: number | null, unit: Unit): string => {
    if (x === null) return dash;
    switch (unit) {
      case 'money':
        return x !== 0 && Math.abs(x) < 100 ? moneyExact.format(x) : money.format(x);
      case 'ratio':
        return pct(1).format(x);
      case 'count':
        return num(Number.isInteger(x) ? 0 : 1).format(x);
      case 'days':
        return words.days(num(1).format(x));
      case 'points':
        return words.points(num(1).format(x));
    }
  };
  return {
    value,
    delta: (x, unit) => {
      if (x === null) return dash;
      const sign = x > 0 ? '+' : x < 0 ? '−' : '±';
      const abs = Math.abs(x);
      return unit === 'ratio' ? `${sign}${words.pp(num(1).format(abs * 100))}` : `${sign}${value(abs, unit)}`;
    },
    percent: (x, digits = 0) => (x === null ? dash : pct(digits).format(x)),
    money: (x) => (x === null ? dash : money.format(x)),
    count: (x) => (x === null ? dash : num(0).format(x)),
    date: (iso) => dateFmt.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    period: (key) => {
      let m = /^(\d{4})-(\d{2})$/.exec(key);
      if (m) return monthFmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
      m = /^(\d{4})-Q([1-4])$/.exec(key);
      if (m) return `Q${m[2]} ${m[1]}`;
      if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return dateFmt.format(new Date(`${key}T00:00:00Z`));
      m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key);
      if (m) return `${dateFmt.format(new Date(`${m[1]}T00:00:00Z`))} – ${dateFmt.format(new Date(`${m[2]}T00:00:00Z`))}`;
      return key;
    },
  };
}
