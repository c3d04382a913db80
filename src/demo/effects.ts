// The effects planted in the demo data, as parameters in one place. docs/demo-data.md quotes
// these values; the analytics should recover them from the generated data.

/** Lead volume share, lead→opportunity conversion, per-stage win lift (logit) and marketing cost per lead (USD), by source. */
export const SOURCE_EFFECTS = {
  web: { share: 0.34, conversion: 0.18, winLift: 0.0, costPerLead: 40 },
  referral: { share: 0.08, conversion: 0.4, winLift: 0.18, costPerLead: 55 },
  cold_call: { share: 0.16, conversion: 0.13, winLift: -0.06, costPerLead: 30 },
  event: { share: 0.1, conversion: 0.24, winLift: 0.06, costPerLead: 260 },
  paid_ads: { share: 0.2, conversion: 0.07, winLift: -0.12, costPerLead: 150 },
  social: { share: 0.12, conversion: 0.11, winLift: -0.06, costPerLead: 70 },
} as const;

/** Days from lead creation to conversion (exponential mean) and to disqualification. */
export const LEAD_TIMING = { convertMeanDays: 4, disqualifyMeanDays: 12, unassignedOpenShare: 0.15 };

/** Per-stage behaviour: chance to move on (before lifts), median days in stage (log-normal, sigma below). Proposal is the bottleneck. */
export const STAGE_EFFECTS = [
  { advance: 0.76, medianDays: 4 }, // Qualification
  { advance: 0.83, medianDays: 6 }, // Discovery
  { advance: 0.85, medianDays: 6 }, // Demo
  { advance: 0.7, medianDays: 15 }, // Proposal: slowest and lowest conversion
  { advance: 0.92, medianDays: 7 }, // Negotiation
] as const;
export const DWELL_SIGMA = 0.75;
/** Skips (Qualification→Demo, Discovery→Proposal) and one-step moves back (Proposal→Demo, Negotiation→Proposal). */
export const STAGE_SKIP = [0.05, 0.1, 0, 0, 0] as const;
export const STAGE_BACK = [0, 0, 0, 0.06, 0.08] as const;
/** Staleness: a stage that takes longer than e^0.4 × its median loses `weight` logit per log-unit beyond. */
export const STALE = { graceLog: 0.4, weight: 1.6 };
/** Age: a deal older than e^0.3 × its planned cycle loses `weight` logit per log-unit beyond, at every stage. */
export const AGE = { graceLog: 0.3, weight: 4 };
/** Zombie deals: stall ×4 in one stage and almost never move on. */
export const ZOMBIE = { share: 0.04, dwellFactor: 4, liftPenalty: -3 };

/** Techniques: share of opportunities and per-stage win lift; challenger is the better playbook. */
export const TECHNIQUE_EFFECTS = {
  challenger: { share: 0.3, winLift: 0.15 },
  solution: { share: 0.4, winLift: 0 },
  spin: { share: 0.3, winLift: 0 },
} as const;

/** Segments: share of accounts, median deal size (USD) and log-sd, cycle length factor, per-stage win lift. */
export const SEGMENT_EFFECTS = {
  SMB: { share: 0.55, medianDeal: 7000, sigma: 0.55, cycleFactor: 0.6, winLift: 0.05 },
  'Mid-Market': { share: 0.3, medianDeal: 28000, sigma: 0.6, cycleFactor: 1.0, winLift: 0 },
  Enterprise: { share: 0.15, medianDeal: 110000, sigma: 0.7, cycleFactor: 1.7, winLift: -0.1 },
} as const;
/** Within a segment the cycle grows with deal size: × (size / median) ^ exponent. */
export const CYCLE_SIZE_EXPONENT = 0.3;

/** Reps: per-stage skill lift ~ N(0, sd) clipped; two weak reps; ramp over the first days after hire. */
export const REP_EFFECTS = {
  skillSd: 0.14,
  skillClip: 0.3,
  weakSkill: -0.8,
  /** Positions (fractions of the seller list) of the two weak reps. */
  weakPositions: [0.2, 0.7],
  rampDays: 120,
  rampSkill: -0.2,
  rampCapacity: 0.4,
  repsPerTeam: 10,
  /** Share of new leads routed to a seller of the account's region (the rest go to any seller). */
  regionRouting: 0.7,
  hiredInRangeShare: 0.3,
  leaverShare: 0.08,
};

/** Share of EMEA accounts that buy in their local currency (the rest buy in USD). */
export const LOCAL_CURRENCY_SHARE = 0.85;

/** Time: monthly growth of lead volume and a seasonal factor per calendar month (summer dip, December lull). */
export const GROWTH_PER_MONTH = 0.025;
export const SEASON = [0.95, 1.0, 1.05, 1.0, 1.0, 1.02, 0.8, 0.75, 1.05, 1.05, 1.0, 0.85] as const;
/** Quarter-end push: a win due in the first `days` of a quarter is pulled into the last days of the quarter before. */
export const QUARTER_PUSH = { share: 0.5, days: 21, intoLastDays: 5 };

/** Activities per opportunity: Poisson(base + perDay × cycle days), type mix by outcome. */
export const ACTIVITY_EFFECTS = {
  won: { base: 6.5, perDay: 0.15, mix: { call: 24, email: 32, meeting: 18, demo: 14, social: 12 } },
  lost: { base: 5, perDay: 0.15, mix: { call: 34, email: 40, meeting: 9, demo: 5, social: 12 } },
  /** Share of leads that get a first touch (call for cold calls, e-mail otherwise) before converting or not. */
  leadTouchShare: 0.2,
};

/** Customers: churn risk classes with monthly churn hazard; NPS (0–10) and CSAT (1–5) weights per class. */
export const CHURN_RISK = [
  { name: 'low', share: 0.5, monthlyChurn: 0.012, nps: [0, 0, 0, 1, 1, 2, 3, 8, 15, 30, 40], csat: [1, 2, 7, 35, 55] },
  { name: 'medium', share: 0.35, monthlyChurn: 0.03, nps: [1, 1, 2, 3, 4, 7, 10, 18, 22, 18, 14], csat: [3, 7, 20, 42, 28] },
  { name: 'high', share: 0.15, monthlyChurn: 0.075, nps: [5, 6, 8, 10, 11, 13, 12, 12, 10, 7, 6], csat: [12, 18, 30, 28, 12] },
] as const;
/** Answers in the last days before a churn use the high-risk distribution. */
export const PRE_CHURN_DAYS = 120;
/** Survey cadence: a CSAT on the buying experience days after the win, one after onboarding, then NPS and CSAT about every quarter. */
export const SURVEY = { everyDays: 90, npsChance: 0.45, csatChance: 0.35, closingCsatChance: 0.3, onboardingCsatChance: 0.5 };

/** Daily exchange rates (USD per unit): start, daily log drift and daily log volatility. */
export const FX = {
  EUR: { start: 1.08, drift: 0.00002, vol: 0.004 },
  GBP: { start: 1.27, drift: 0.0, vol: 0.0045 },
  TRY: { start: 0.034, drift: -0.0006, vol: 0.003 },
} as const;

/** Targets: quota = company plan × rep capacity share; the plan is the trend of won revenue × stretch. */
export const TARGETS = { stretch: 1.0, companyWinRate: 0.26 };

/** Sales costs per month: payroll and tools per active rep, travel per meeting (USD). */
export const SALES_COSTS = { payrollPerRep: 9000, toolsPerRep: 150, travelPerMeeting: 120 };
