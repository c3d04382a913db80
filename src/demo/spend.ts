// Spend: marketing cost per lead source and month (cost per lead × leads, a share of event
// spend in EUR) and sales costs (payroll and tools per rep, travel per meeting).
import type { Calendar } from './calendar.js';
import { CURRENCIES, SOURCES } from './catalog.js';
import type { CsvFile } from './csv-writer.js';
import { centsText } from './deals.js';
import { SALES_COSTS, SOURCE_EFFECTS } from './effects.js';
import type { FxRates } from './fx.js';
import type { People } from './people.js';
import { Rng } from './random.js';

const EUR = CURRENCIES.indexOf('EUR');
/** Share of event spend booked in EUR (European trade shows). */
const EVENT_EUR_SHARE = 0.3;

export function writeSpend(out: CsvFile, cal: Calendar, people: People, fx: FxRates, leadsBySourceMonth: Float64Array, meetingsByMonth: Float64Array, seed: number): void {
  const rng = new Rng(seed, 'spend');
  let next = 1;
  const row = (day: number, channel: string, category: string, amount: number, currency: string) => {
    out.row(`SP${String(next++).padStart(6, '0')},${cal.date(day)},${channel},${category},${centsText(Math.max(0, Math.round(amount * 100)))},${currency}`);
  };
  cal.months.forEach((mo, m) => {
    const day = mo.start;
    SOURCES.forEach((source, s) => {
      const usd = leadsBySourceMonth[m * SOURCES.length + s] * SOURCE_EFFECTS[source].costPerLead * rng.lognormal(1, 0.08);
      if (source === 'event') {
        row(day, source, 'marketing', usd * (1 - EVENT_EUR_SHARE), 'USD');
        row(day, source, 'marketing', (usd * EVENT_EUR_SHARE) / fx.rate(EUR, day), 'EUR');
      } else row(day, source, 'marketing', usd, 'USD');
    });
    let repMonths = 0;
    const span = mo.end - mo.start;
    for (const r of people.reps) {
      const from = Math.max(mo.start, r.hireDay);
      const to = Math.min(mo.end, r.endDay + 1);
      if (to > from) repMonths += (to - from) / span;
    }
    const partial = span / (mo.calendarEnd - mo.start);
    row(day, 'sales_team', 'sales', repMonths * SALES_COSTS.payrollPerRep * partial, 'USD');
    row(day, 'sales_tools', 'sales', repMonths * SALES_COSTS.toolsPerRep * partial, 'USD');
    row(day, 'sales_travel', 'sales', meetingsByMonth[m] * SALES_COSTS.travelPerMeeting, 'USD');
  });
}
