// Daily exchange rates (USD per unit) for every non-reporting currency on every day of data:
// a log random walk with drift; TRY drifts down steadily.
import type { Calendar } from './calendar.js';
import { CURRENCIES, USD } from './catalog.js';
import type { CsvFile } from './csv-writer.js';
import { FX } from './effects.js';
import { Rng } from './random.js';

export class FxRates {
  /** rates[c][day], rounded to the 6 decimals that are written. */
  private readonly rates: Float64Array[] = [];
  private readonly text: string[][] = [];

  constructor(private readonly cal: Calendar, seed: number) {
    const rng = new Rng(seed, 'fx_rates');
    for (let c = 0; c < CURRENCIES.length; c++) {
      const series = new Float64Array(cal.numDays);
      const text: string[] = [];
      if (c === USD) series.fill(1);
      else {
        const p = FX[CURRENCIES[c] as keyof typeof FX];
        let log = Math.log(p.start) + 0.02 * rng.normal();
        for (let d = 0; d < cal.numDays; d++) {
          log += p.drift + p.vol * rng.normal();
          const s = Math.exp(log).toFixed(6);
          series[d] = Number(s);
          text.push(s);
        }
      }
      this.rates.push(series);
      this.text.push(text);
    }
  }

  /** USD per unit of currency c on a day of data. */
  rate(c: number, day: number): number {
    return this.rates[c][Math.min(Math.max(0, day), this.cal.numDays - 1)];
  }

  write(out: CsvFile): void {
    for (let d = 0; d < this.cal.numDays; d++) {
      const date = this.cal.date(d);
      for (let c = 0; c < CURRENCIES.length; c++) if (c !== USD) out.row(`${date},${CURRENCIES[c]},${this.text[c][d]}`);
    }
  }
}
