// Teams and reps: managers, hire and leave dates, skill (two weak reps), ramp-up, and which
// sellers take new leads in each month.
import type { Calendar } from './calendar.js';
import { FIRST_NAMES, LAST_NAMES, TEAM_REGIONS } from './catalog.js';
import { csvText, type CsvFile } from './csv-writer.js';
import { REP_EFFECTS } from './effects.js';
import { cumulative, Rng } from './random.js';

export interface Rep {
  index: number;
  id: string;
  name: string;
  email: string;
  team: number;
  role: 'rep' | 'manager';
  /** Day index of the first day (negative: before the data starts). */
  hireDay: number;
  /** Day index of the last day, or Infinity. */
  endDay: number;
  /** Per-stage win lift (logit) once ramped. */
  skill: number;
  weak: boolean;
}

export interface Team {
  index: number;
  id: string;
  name: string;
  region: string;
  manager: number;
}

interface SellerPool {
  reps: Int32Array;
  cum: Float64Array;
}

function asciiWord(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').toLowerCase().replace(/[^a-z]/g, '');
}

export function teamCount(reps: number): number {
  let t = Math.max(1, Math.round(reps / REP_EFFECTS.repsPerTeam));
  if (reps >= 6) t = Math.max(t, 2);
  return Math.min(t, Math.floor(reps / 2));
}

export class People {
  readonly teams: Team[] = [];
  readonly reps: Rep[] = [];
  readonly sellers: Rep[] = [];
  /** Per month: region → pool of sellers taking new leads, plus '*' for everyone. */
  private pools: Map<string, SellerPool>[] = [];

  constructor(repCount: number, private readonly cal: Calendar, seed: number) {
    const rng = new Rng(seed, 'reps');
    const nTeams = teamCount(repCount);
    const regionSeen = new Map<string, number>();
    for (let t = 0; t < nTeams; t++) {
      const region = TEAM_REGIONS[t % TEAM_REGIONS.length];
      const k = (regionSeen.get(region) ?? 0) + 1;
      regionSeen.set(region, k);
      this.teams.push({ index: t, id: `T${String(t + 1).padStart(2, '0')}`, name: `${region} ${k}`, region, manager: t });
    }
    const usedNames = new Set<string>();
    const usedEmails = new Set<string>();
    for (let i = 0; i < repCount; i++) {
      let first = '';
      let last = '';
      for (let tries = 0; tries < 50; tries++) {
        first = rng.pick(FIRST_NAMES);
        last = rng.pick(LAST_NAMES);
        if (!usedNames.has(`${first} ${last}`)) break;
      }
      usedNames.add(`${first} ${last}`);
      let email = `${asciiWord(first)}.${asciiWord(last)}@example.com`;
      if (usedEmails.has(email)) email = `${asciiWord(first)}.${asciiWord(last)}${i + 1}@example.com`;
      usedEmails.add(email);
      const manager = i < nTeams;
      this.reps.push({
        index: i, id: `R${String(i + 1).padStart(3, '0')}`, name: `${first} ${last}`, email,
        team: i % nTeams, role: manager ? 'manager' : 'rep',
        hireDay: manager ? -rng.int(730, 2200) : 0, endDay: Infinity, skill: 0, weak: false,
      });
    }
    this.sellers.push(...this.reps.filter((r) => r.role === 'rep'));
    const n = this.sellers.length;
    const weak = new Set(REP_EFFECTS.weakPositions.map((p) => Math.min(n - 1, Math.floor(n * p))));
    const firstOfTeam = new Set<number>();
    for (const s of this.sellers) if (![...firstOfTeam].some((j) => this.reps[j].team === s.team)) firstOfTeam.add(s.index);
    const lastHireDay = Math.max(16, cal.numDays - 30);
    for (let k = 0; k < n; k++) {
      const s = this.sellers[k];
      s.weak = weak.has(k);
      s.skill = s.weak
        ? REP_EFFECTS.weakSkill + 0.05 * rng.normal()
        : Math.max(-REP_EFFECTS.skillClip, Math.min(REP_EFFECTS.skillClip, REP_EFFECTS.skillSd * rng.normal()));
      const hiredInRange = !s.weak && !firstOfTeam.has(s.index) && rng.chance(REP_EFFECTS.hiredInRangeShare);
      s.hireDay = hiredInRange ? rng.int(15, lastHireDay) : -rng.int(60, 1800);
    }
    // A few leavers among the established sellers (never the weak reps or a team's first seller).
    const candidates = this.sellers.filter((s) => !s.weak && !firstOfTeam.has(s.index) && s.hireDay < 0);
    const leavers = Math.min(candidates.length, n >= 5 ? Math.max(1, Math.round(n * REP_EFFECTS.leaverShare)) : 0);
    for (let k = 0; k < leavers; k++) {
      const j = rng.int(0, candidates.length - 1);
      const s = candidates.splice(j, 1)[0];
      s.endDay = rng.int(Math.min(60, cal.numDays - 1), Math.max(Math.min(60, cal.numDays - 1), cal.numDays - 10));
    }
    this.buildPools();
  }

  private buildPools(): void {
    for (const m of this.cal.months) {
      const mid = (m.start + m.end) / 2;
      const byRegion = new Map<string, { reps: number[]; w: number[] }>();
      const add = (key: string, rep: number, w: number) => {
        let e = byRegion.get(key);
        if (!e) byRegion.set(key, (e = { reps: [], w: [] }));
        e.reps.push(rep);
        e.w.push(w);
      };
      for (const s of this.sellers) {
        if (s.hireDay > m.start || s.endDay < m.end - 1) continue;
        const w = this.capacity(s, mid);
        add(this.teams[s.team].region, s.index, w);
        add('*', s.index, w);
      }
      if (!byRegion.has('*')) for (const s of this.sellers) add('*', s.index, 1); // never leave a month without owners
      const pools = new Map<string, SellerPool>();
      for (const [k, e] of byRegion) pools.set(k, { reps: Int32Array.from(e.reps), cum: cumulative(e.w) });
      this.pools.push(pools);
    }
  }

  /** Share of a full lead load a seller takes on a day (ramping after hire). */
  capacity(rep: Rep, day: number): number {
    const since = day - rep.hireDay;
    return REP_EFFECTS.rampCapacity + (1 - REP_EFFECTS.rampCapacity) * Math.min(1, Math.max(0, since / REP_EFFECTS.rampDays));
  }

  /** Per-stage win lift of a rep on a day: skill, minus the ramp penalty while new. */
  winLift(rep: Rep, day: number): number {
    const since = day - rep.hireDay;
    return rep.skill + REP_EFFECTS.rampSkill * Math.max(0, 1 - since / REP_EFFECTS.rampDays);
  }

  /** A seller for a new lead in a month, preferring sellers of the account's region. */
  pickSeller(rng: Rng, month: number, region: string): Rep {
    const pools = this.pools[month];
    const regional = rng.chance(REP_EFFECTS.regionRouting) ? pools.get(region) : undefined;
    const pool = regional ?? pools.get('*')!;
    return this.reps[pool.reps[rng.pickIndex(pool.cum)]];
  }

  /** Who does an activity on a deal on a day: the owner, or the team manager once the owner has left. */
  actorFor(owner: Rep, day: number): Rep {
    return day > owner.endDay ? this.reps[this.teams[owner.team].manager] : owner;
  }

  writeTeams(out: CsvFile): void {
    for (const t of this.teams) out.row(`${t.id},${csvText(t.name)},${this.reps[t.manager].id},${csvText(t.region)}`);
  }

  writeReps(out: CsvFile): void {
    for (const r of this.reps) {
      const end = Number.isFinite(r.endDay) ? this.cal.date(r.endDay) : '';
      out.row(`${r.id},${csvText(r.name)},${r.email},${this.teams[r.team].id},${r.role},${this.cal.date(r.hireDay)},${end}`);
    }
  }
}
