// Slows down password guessing. Each address may try to sign in a limited number of times per
// window; each e-mail address is locked for a while after repeated failures. Both answer 429
// with the same words whether or not a user has that address, so the lock-out reveals nothing.
// Kept in memory: one server process owns the store.
import type { Clock } from './sessions.js';
import { systemClock } from './sessions.js';

export interface LimiterOptions {
  /** Sign-in attempts one IP address may make per window. */
  perIp: number;
  ipWindowMs: number;
  /** Failures in a row that lock an e-mail address. */
  failures: number;
  lockMs: number;
}

export const LIMITER_DEFAULTS: LimiterOptions = { perIp: 100, ipWindowMs: 15 * 60_000, failures: 5, lockMs: 15 * 60_000 };

const MAX_KEYS = 10_000;

export class LoginLimiter {
  private readonly ips = new Map<string, number[]>();
  private readonly emails = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(
    private readonly options: LimiterOptions = LIMITER_DEFAULTS,
    private readonly now: Clock = systemClock,
  ) {}

  /** Seconds to wait before this attempt may be made, or 0 when it may go ahead (and is counted). */
  check(ip: string, email: string): number {
    const t = this.now();
    const lock = this.emails.get(email);
    if (lock && lock.lockedUntil > t) return Math.ceil((lock.lockedUntil - t) / 1000);
    const recent = (this.ips.get(ip) ?? []).filter((at) => at > t - this.options.ipWindowMs);
    if (recent.length >= this.options.perIp) {
      this.ips.set(ip, recent);
      return Math.ceil((recent[0] + this.options.ipWindowMs - t) / 1000);
    }
    recent.push(t);
    this.prune(this.ips);
    this.ips.set(ip, recent);
    return 0;
  }

  /** Counts a failure; true when it locked the address. */
  failed(email: string): boolean {
    const t = this.now();
    const cur = this.emails.get(email);
    const failures = (cur?.failures ?? 0) + 1;
    const locked = failures >= this.options.failures;
    this.prune(this.emails);
    this.emails.set(email, { failures: locked ? 0 : failures, lockedUntil: locked ? t + this.options.lockMs : 0 });
    return locked;
  }

  succeeded(email: string): void {
    this.emails.delete(email);
  }

  /** Forgets the oldest keys when too many addresses are tracked. */
  private prune(map: Map<string, unknown>): void {
    if (map.size < MAX_KEYS) return;
    const drop = map.size - MAX_KEYS + 1;
    let i = 0;
    for (const key of map.keys()) {
      if (i++ >= drop) break;
      map.delete(key);
    }
  }
}

export const LOCKED_MESSAGE = 'too many sign-in attempts; wait a few minutes and try again';
