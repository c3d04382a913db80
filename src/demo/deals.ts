// Deal composition: a log-normal target size by segment, turned into line items from the
// catalogue. Unit prices are whole units of the deal's currency and discounts whole percents,
// so every line total is an exact number of cents and the amount is their exact sum.
import { PRODUCTS, SEGMENTS, USD } from './catalog.js';
import { SEGMENT_EFFECTS } from './effects.js';
import type { Rng } from './random.js';

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const DISCOUNT_TEXT = Array.from({ length: 101 }, (_, i) => (i === 0 ? '0' : String(i / 100)));

/** Chance of each optional product by segment (SMB, Mid-Market, Enterprise). */
const ATTACH: Record<number, readonly [number, number, number]> = {
  3: [0.35, 0.35, 0.35], // forecasting add-on
  4: [0.1, 0.3, 0.5], // data connectors
  5: [0.05, 0.25, 0.6], // premium support
  6: [0.2, 0.6, 0.9], // implementation
  7: [0.1, 0.3, 0.6], // consulting days
  8: [0, 0.1, 0.3], // custom integration
  9: [0.3, 0.3, 0.3], // admin training
  10: [0, 0.2, 0.4], // team workshop
};

export class Deal {
  /** Line items of the current deal (reused between deals). */
  product = new Int32Array(PRODUCTS.length);
  quantity = new Int32Array(PRODUCTS.length);
  price = new Float64Array(PRODUCTS.length);
  discount = new Int32Array(PRODUCTS.length);
  items = 0;
  amountCents = 0;
  recurringCents = 0;
  /** Size relative to the segment median (drives cycle length). */
  relativeSize = 1;

  private add(p: number, qty: number, price: number, discountPct: number): void {
    const k = this.items++;
    this.product[k] = p;
    this.quantity[k] = qty;
    this.price[k] = price;
    this.discount[k] = discountPct;
    const cents = qty * price * (100 - discountPct);
    this.amountCents += cents;
    if (PRODUCTS[p].recurring) this.recurringCents += cents;
  }

  /** Composes a new deal for a segment in a currency (rate = USD per unit on the creation day). */
  compose(rng: Rng, segment: number, currency: number, rate: number): void {
    this.items = 0;
    this.amountCents = 0;
    this.recurringCents = 0;
    const seg = SEGMENT_EFFECTS[SEGMENTS[segment]];
    const target = rng.lognormal(seg.medianDeal, seg.sigma);
    this.relativeSize = target / seg.medianDeal;
    const local = (usd: number) => (currency === USD ? usd : Math.max(1, Math.round(usd / rate)));
    const u = rng.next();
    const tier = segment === 0 ? (u < 0.7 ? 0 : 1) : segment === 1 ? (u < 0.7 ? 1 : 2) : u < 0.8 ? 2 : 1;
    const seats = Math.max(1, Math.round((target * 0.65) / PRODUCTS[tier].listPrice));
    // Bigger deals get bigger discounts on the platform.
    const big = Math.min(1, Math.max(0, Math.log(this.relativeSize) / 2 + 0.5));
    const coreDiscount = Math.min(30, 5 * Math.floor(rng.next() * (3 + 4 * big)));
    this.add(tier, seats, local(PRODUCTS[tier].listPrice), coreDiscount);
    for (let p = 3; p < PRODUCTS.length; p++) {
      if (!rng.chance(ATTACH[p][segment])) continue;
      let qty = 1;
      if (p === 3) qty = Math.max(1, Math.round(seats * rng.uniform(0.3, 1)));
      else if (p === 4) qty = rng.int(1, 3);
      else if (p === 7) qty = Math.max(1, Math.round((target * 0.08) / PRODUCTS[p].listPrice));
      else if (p === 10) qty = rng.int(1, 2);
      const disc = PRODUCTS[p].recurring ? coreDiscount : rng.chance(0.7) ? 0 : 5 * rng.int(1, 2);
      this.add(p, qty, local(PRODUCTS[p].listPrice), disc);
    }
  }

  /** Writes the deal's line items: opportunity_id,product_id,quantity,unit_price,discount. */
  lineItemRows(oppId: string, write: (line: string) => void): void {
    for (let k = 0; k < this.items; k++) {
      write(`${oppId},${PRODUCTS[this.product[k]].id},${this.quantity[k]},${this.price[k]}.00,${DISCOUNT_TEXT[this.discount[k]]}`);
    }
  }
}

/** Cents as a decimal amount with two places ('1234.50'). */
export function centsText(cents: number): string {
  const whole = Math.floor(cents / 100);
  return `${whole}.${TWO[cents - whole * 100]}`;
}
