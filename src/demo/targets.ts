// Revenue quotas per rep and team, monthly and quarterly, plus company win-rate targets.
// The plan is the trend of the company's won revenue times a stretch; each rep's share follows
// capacity (ramp and months employed), not skill, so strong reps beat quota and weak reps miss.
import type { Calendar } from './calendar.js';
import type { CsvFile } from './csv-writer.js';
import { TARGETS } from './effects.js';
import type { People } from './people.js';

/** Won revenue (USD) per rep and month, for the plan. */
export class RevenueLedger {
  readonly byRepMonth: Float64Array;

  constructor(private readonly reps: number, private readonly months: number) {
    this.byRepMonth = new Float64Array(reps * months);
  }

  add(rep: number, month: number, usd: number): void {
    this.byRepMonth[rep * this.months + month] += usd;
  }

  companyMonth(month: number): number {
    let s = 0;
    for (let r = 0; r < this.reps; r++) s += this.byRepMonth[r * this.months + month];
    return s;
  }
}

/** Months at the start while the pipeline fills (no deal exists before the first day), left out of the trend. */
const FILL_MONTHS = 2;

/** Log-linear trend of complete months' revenue: plan(m) for any month index. */
function trend(cal: Calendar, ledger: RevenueLedger): (m: number) => number {
  const xs: number[] = [];
  const ys: number[] = [];
  const skip = cal.months.length >= FILL_MONTHS + 4 ? FILL_MONTHS : 0;
  cal.months.forEach((mo, m) => {
    const v = ledger.companyMonth(m);
    if (m >= skip && mo.end === mo.calendarEnd && v > 0) {
      xs.push(m);
      ys.push(Math.log(v));
    }
  });
  if (xs.length < 3) {
    const last = cal.months.length - 1;
    const mo = cal.months[last];
    const partial = ledger.companyMonth(last) * ((mo.calendarEnd - mo.start) / Math.max(1, mo.end - mo.start));
    const avg = ys.length ? ys.reduce((a, y) => a + Math.exp(y), 0) / ys.length : Math.max(partial, 10_000);
    return () => avg;
  }
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const b = sxy / sxx;
  return (m) => Math.exp(my + b * (m - mx));
}

function round100(v: number): number {
  return Math.max(100, Math.round(v / 100) * 100);
}

export function writeTargets(out: CsvFile, cal: Calendar, people: People, ledger: RevenueLedger): void {
  const plan = trend(cal, ledger);
  const nMonths = cal.months.length;
  let next = 1;
  const row = (kpi: string, scope: string, scopeId: string, from: string, to: string, value: number | string) =>
    out.row(`TG${String(next++).padStart(6, '0')},${kpi},${scope},${scopeId},${from},${to},${value}`);

  // Monthly quota per seller: plan × capacity share; months after asOf (rest of the current quarter) extrapolate.
  const shares = new Map<number, Float64Array>();
  const quota = (rep: number, m: number): number => {
    let share = shares.get(m);
    if (!share) {
      share = capacityShares(cal, people, m);
      shares.set(m, share);
    }
    return plan(m) * TARGETS.stretch * share[rep];
  };

  for (let m = 0; m < nMonths; m++) {
    const mo = cal.months[m];
    const from = cal.date(mo.start);
    const to = cal.date(mo.calendarEnd - 1);
    const teamSum = new Float64Array(people.teams.length);
    for (const s of people.sellers) {
      const q = quota(s.index, m);
      if (q <= 0) continue;
      teamSum[s.team] += q;
      row('revenue', 'rep', s.id, from, to, round100(q));
    }
    for (const t of people.teams) if (teamSum[t.index] > 0) row('revenue', 'team', t.id, from, to, round100(teamSum[t.index]));
  }

  // Quarters that start inside the data range.
  for (let m = 0; m < nMonths; m++) {
    const mo = cal.months[m];
    if (mo.month % 3 !== 1) continue;
    const from = cal.date(mo.start);
    const to = cal.date(mo.start + quarterDays(mo.year, mo.month) - 1);
    const teamSum = new Float64Array(people.teams.length);
    for (const s of people.sellers) {
      const q = quota(s.index, m) + quota(s.index, m + 1) + quota(s.index, m + 2);
      if (q <= 0) continue;
      teamSum[s.team] += q;
      row('revenue', 'rep', s.id, from, to, round100(q));
    }
    for (const t of people.teams) if (teamSum[t.index] > 0) row('revenue', 'team', t.id, from, to, round100(teamSum[t.index]));
    row('win_rate', 'company', '', from, to, TARGETS.companyWinRate);
  }
}

/** Days in the calendar quarter that starts with (year, month). */
function quarterDays(year: number, month: number): number {
  return Math.round((Date.UTC(year, month - 1 + 3, 1) - Date.UTC(year, month - 1, 1)) / 86_400_000);
}

/** Each seller's share of the month's capacity (ramp × part of the month employed), by rep index. */
function capacityShares(cal: Calendar, people: People, m: number): Float64Array {
  const last = cal.months.length - 1;
  const mo = cal.months[Math.min(m, last)];
  const shift = Math.max(0, m - last) * 31;
  const start = mo.start + shift;
  const end = mo.calendarEnd + shift;
  const share = new Float64Array(people.reps.length);
  let total = 0;
  for (const s of people.sellers) {
    const from = Math.max(start, s.hireDay);
    const to = Math.min(end, s.endDay + 1);
    if (to <= from) continue;
    const w = people.capacity(s, (from + to) / 2) * ((to - from) / (end - start));
    share[s.index] = w;
    total += w;
  }
  if (total > 0) for (let i = 0; i < share.length; i++) share[i] /= total;
  return share;
}
