// Accounts: every property of account i is a hash of (seed, i), so nothing is stored per
// account except when it first became a customer and through which channel.
import { COMPANY_NOUNS, COMPANY_WORDS, COUNTRIES, INDUSTRIES, SEGMENTS, SOURCES, USD } from './catalog.js';
import { csvText, type CsvFile, type CsvSet } from './csv-writer.js';
import { CHURN_RISK, LOCAL_CURRENCY_SHARE, SEGMENT_EFFECTS } from './effects.js';
import { cumulative, hashUnit, indexAt, mix32, type Rng } from './random.js';

const SEGMENT_CUM = cumulative(SEGMENTS.map((s) => SEGMENT_EFFECTS[s].share));
const COUNTRY_CUM = cumulative(COUNTRIES.map((c) => c.weight));
const RISK_CUM = cumulative(CHURN_RISK.map((r) => r.share));

/** Share of new leads that come from a company not seen before. */
const NEW_ACCOUNT_SHARE = 0.05;

export class Accounts {
  private readonly key: number;
  count: number;
  private firstWon: Float32Array;
  private channel: Uint8Array;

  constructor(seed: number, initial: number) {
    this.key = mix32((Math.floor(seed) >>> 0) ^ 0x5bd1e995);
    this.count = initial;
    const cap = Math.max(1024, initial * 4);
    this.firstWon = new Float32Array(cap).fill(NaN);
    this.channel = new Uint8Array(cap);
  }

  /** The account of a new lead: usually a known company, sometimes a new one. */
  forNewLead(rng: Rng): number {
    if (this.count === 0 || rng.chance(NEW_ACCOUNT_SHARE)) {
      if (this.count >= this.firstWon.length) this.grow();
      return this.count++;
    }
    return Math.floor(rng.next() * this.count);
  }

  private grow(): void {
    const won = new Float32Array(this.firstWon.length * 2).fill(NaN);
    won.set(this.firstWon);
    const ch = new Uint8Array(this.channel.length * 2);
    ch.set(this.channel);
    this.firstWon = won;
    this.channel = ch;
  }

  id(i: number): string {
    return 'A' + String(i + 1).padStart(6, '0');
  }

  segment(i: number): number {
    return indexAt(SEGMENT_CUM, hashUnit(this.key, i, 1));
  }

  country(i: number): number {
    return indexAt(COUNTRY_CUM, hashUnit(this.key, i, 2));
  }

  region(i: number): string {
    return COUNTRIES[this.country(i)].region;
  }

  /** Index into CURRENCIES of the currency the account buys in. */
  currency(i: number): number {
    const c = COUNTRIES[this.country(i)].currency;
    return c !== USD && hashUnit(this.key, i, 3) < LOCAL_CURRENCY_SHARE ? c : USD;
  }

  /** Index into CHURN_RISK. */
  risk(i: number): number {
    return indexAt(RISK_CUM, hashUnit(this.key, i, 5));
  }

  /** Records a won deal; the earliest win decides the acquisition channel. */
  won(i: number, r: number, source: number): void {
    const prev = this.firstWon[i];
    if (Number.isNaN(prev) || r < prev) {
      this.firstWon[i] = r;
      this.channel[i] = source + 1;
    }
  }

  name(i: number): string {
    const c = COUNTRIES[this.country(i)];
    const w = COMPANY_WORDS[Math.floor(hashUnit(this.key, i, 6) * COMPANY_WORDS.length)];
    const n = COMPANY_NOUNS[Math.floor(hashUnit(this.key, i, 7) * COMPANY_NOUNS.length)];
    const s = c.suffixes[Math.floor(hashUnit(this.key, i, 8) * c.suffixes.length)];
    return `${w} ${n}${s}`;
  }

  async write(out: CsvFile, files: CsvSet): Promise<void> {
    for (let i = 0; i < this.count; i++) {
      const c = COUNTRIES[this.country(i)];
      const industry = INDUSTRIES[Math.floor(hashUnit(this.key, i, 4) * INDUSTRIES.length)];
      const ch = this.channel[i];
      out.row(`${this.id(i)},${csvText(this.name(i))},${SEGMENTS[this.segment(i)]},${industry},${c.region},${c.name},${ch ? SOURCES[ch - 1] : ''}`);
      if (files.blocked) await files.drain();
    }
  }
}
