// The stretch of time a trend shows: the last 12 months up to the period's end (the whole
// period when it is longer), in whole buckets of the grain — weeks from Monday, months, and
// quarters of the fiscal year — and not past the bucket that holds the as-of date, so a trend
// never ends in empty future buckets. Dates are local dates (YYYY-MM-DD) as the API names them.
export type TrendGrain = 'week' | 'month' | 'quarter';

export interface Range {
  from: string;
  /** The last day, inclusive. */
  to: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s.slice(0, 10)}T00:00:00Z`);

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The first day of the month `months` after (negative: before) the month of `date`. */
export function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number);
  return iso(new Date(Date.UTC(y, m - 1 + months, 1)));
}

/** The first day of the bucket of `grain` that holds `date` (quarters start in the fiscal year's first month and every third month after). */
export function bucketStart(date: string, grain: TrendGrain, fiscalStartMonth = 1): string {
  if (grain === 'week') {
    const weekday = (parse(date).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    return addDays(date, -weekday);
  }
  const month = Number(date.slice(5, 7));
  const back = grain === 'quarter' ? (((month - fiscalStartMonth) % 3) + 3) % 3 : 0;
  return addMonths(date, -back);
}

export function nextBucketStart(start: string, grain: TrendGrain): string {
  return grain === 'week' ? addDays(start, 7) : addMonths(start, grain === 'quarter' ? 3 : 1);
}

/** The trend's range for a period (from, to, as_of of the API's resolved query). */
export function trendWindow(q: { from: string; to: string; as_of: string }, grain: TrendGrain, fiscalStartMonth = 1): Range {
  let to = q.to;
  if (q.as_of >= q.from && q.as_of < q.to) {
    const last = addDays(nextBucketStart(bucketStart(q.as_of, grain, fiscalStartMonth), grain), -1);
    if (last < to) to = last;
  }
  const twelve = addMonths(to, -11);
  const from = bucketStart(q.from < twelve ? q.from : twelve, grain, fiscalStartMonth);
  return { from, to };
}

/** The buckets of a range, the last one cut at the range's end. */
export function bucketsOf(range: Range, grain: TrendGrain, fiscalStartMonth = 1): Range[] {
  const out: Range[] = [];
  for (let start = bucketStart(range.from, grain, fiscalStartMonth); start <= range.to; ) {
    const next = nextBucketStart(start, grain);
    const last = addDays(next, -1);
    out.push({ from: start < range.from ? range.from : start, to: last > range.to ? range.to : last });
    start = next;
  }
  return out;
}
