// Period buckets of a query: the rows of a report (one per grain bucket, or the whole period),
// the buckets their comparisons and growth rates read, and the rate day of snapshots.
import { addDays, bucketsOf, previousPeriod, previousYear, type CalendarSettings, type Period } from './periods.js';
import type { ResolvedQuery } from './query.js';

export interface Bucket {
  key: string;
  period: Period;
  /** The day whose exchange rates convert snapshot values: the bucket's last day, or the as-of date if earlier. */
  rateDay: string;
}

export function bucketOf(p: Period, cal: CalendarSettings): Bucket {
  const last = addDays(p.end, -1);
  return { key: `${p.start}|${p.end}`, period: p, rateDay: last < cal.asOf ? last : cal.asOf };
}

export function reportBuckets(q: ResolvedQuery): Bucket[] {
  const periods = q.grain ? bucketsOf(q.period, q.grain, q.cal) : [q.period];
  return periods.map((p) => bucketOf(p, q.cal));
}

export type Shift = 'previous_period' | 'previous_year';

export function shifted(b: Bucket, shift: Shift, cal: CalendarSettings): Bucket {
  return bucketOf(shift === 'previous_period' ? previousPeriod(b.period, cal) : previousYear(b.period, cal), cal);
}

/** Every bucket a query reads: its own, those of its comparisons, and the previous ones of growth KPIs. */
export function allBuckets(q: ResolvedQuery, withGrowth: boolean): Bucket[] {
  const out = new Map<string, Bucket>();
  const add = (b: Bucket) => out.set(b.key, b);
  const own = reportBuckets(q);
  own.forEach(add);
  for (const c of q.compare) {
    if (c === 'target') continue;
    for (const b of own) add(shifted(b, c, q.cal));
  }
  if (withGrowth) for (const b of [...out.values()]) add(shifted(b, 'previous_period', q.cal));
  return [...out.values()];
}
