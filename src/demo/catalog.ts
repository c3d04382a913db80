// Fixed reference data of the demo company: products, pipeline stages, lead sources,
// techniques, segments, countries, industries and the word lists for names.

export interface Product {
  id: string;
  name: string;
  line: 'Platform' | 'Add-ons' | 'Services' | 'Training';
  /** List price in the reporting currency (USD), whole dollars. */
  listPrice: number;
  unitCost: number;
  /** Platform and add-on revenue recurs (annual contract value); services and training do not. */
  recurring: boolean;
}

export const PRODUCTS: readonly Product[] = [
  { id: 'P01', name: 'Pulse Starter (seat/year)', line: 'Platform', listPrice: 480, unitCost: 48, recurring: true },
  { id: 'P02', name: 'Pulse Professional (seat/year)', line: 'Platform', listPrice: 960, unitCost: 110, recurring: true },
  { id: 'P03', name: 'Pulse Enterprise (seat/year)', line: 'Platform', listPrice: 1800, unitCost: 230, recurring: true },
  { id: 'P04', name: 'Forecasting Add-on (seat/year)', line: 'Add-ons', listPrice: 300, unitCost: 90, recurring: true },
  { id: 'P05', name: 'Data Connector Pack', line: 'Add-ons', listPrice: 2400, unitCost: 840, recurring: true },
  { id: 'P06', name: 'Premium Support', line: 'Add-ons', listPrice: 4800, unitCost: 1900, recurring: true },
  { id: 'P07', name: 'Implementation Package', line: 'Services', listPrice: 7500, unitCost: 5100, recurring: false },
  { id: 'P08', name: 'Consulting Day', line: 'Services', listPrice: 1400, unitCost: 950, recurring: false },
  { id: 'P09', name: 'Custom Integration', line: 'Services', listPrice: 12000, unitCost: 8200, recurring: false },
  { id: 'P10', name: 'Admin Training', line: 'Training', listPrice: 1100, unitCost: 480, recurring: false },
  { id: 'P11', name: 'Team Workshop', line: 'Training', listPrice: 3200, unitCost: 1500, recurring: false },
];

export const STAGES = ['Qualification', 'Discovery', 'Demo', 'Proposal', 'Negotiation'] as const;
/** Win probability the CRM shows per stage (the stage-weighted forecast the analytics should beat). */
export const STAGE_PROBABILITY = [0.1, 0.2, 0.35, 0.55, 0.75] as const;

export const SOURCES = ['web', 'referral', 'cold_call', 'event', 'paid_ads', 'social'] as const;
export type Source = (typeof SOURCES)[number];

export const TECHNIQUES = ['challenger', 'solution', 'spin'] as const;

export const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'] as const;

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'TRY'] as const;
export type Currency = (typeof CURRENCIES)[number];
/** Index into CURRENCIES. */
export const USD = 0;

export interface Country {
  name: string;
  region: 'North America' | 'EMEA' | 'APAC';
  currency: number;
  weight: number;
  suffixes: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
  { name: 'United States', region: 'North America', currency: 0, weight: 48, suffixes: [', Inc.', ' LLC', ' Corp.', ''] },
  { name: 'Canada', region: 'North America', currency: 0, weight: 8, suffixes: [' Ltd.', ', Inc.', ''] },
  { name: 'United Kingdom', region: 'EMEA', currency: 2, weight: 11, suffixes: [' Ltd', ' plc', ''] },
  { name: 'Germany', region: 'EMEA', currency: 1, weight: 8, suffixes: [' GmbH', ' AG'] },
  { name: 'France', region: 'EMEA', currency: 1, weight: 5, suffixes: [' SA', ' SAS'] },
  { name: 'Netherlands', region: 'EMEA', currency: 1, weight: 3, suffixes: [' B.V.', ' N.V.'] },
  { name: 'Spain', region: 'EMEA', currency: 1, weight: 2, suffixes: [' S.L.', ' S.A.'] },
  { name: 'Ireland', region: 'EMEA', currency: 1, weight: 2, suffixes: [' Ltd', ' DAC'] },
  { name: 'Turkey', region: 'EMEA', currency: 3, weight: 5, suffixes: [' A.Ş.', ' Ltd. Şti.'] },
  { name: 'Australia', region: 'APAC', currency: 0, weight: 4, suffixes: [' Pty Ltd'] },
  { name: 'Singapore', region: 'APAC', currency: 0, weight: 2, suffixes: [' Pte. Ltd.'] },
  { name: 'Japan', region: 'APAC', currency: 0, weight: 2, suffixes: [' K.K.', ' Co., Ltd.'] },
];

/** Regions of teams 1, 2, 3, …, roughly in proportion to where the accounts are. */
export const TEAM_REGIONS = ['North America', 'EMEA', 'North America', 'EMEA', 'North America', 'APAC'] as const;

export const INDUSTRIES = [
  'Software', 'Manufacturing', 'Financial Services', 'Healthcare', 'Retail',
  'Logistics', 'Education', 'Media', 'Energy', 'Professional Services',
] as const;

export const COMPANY_WORDS = [
  'Northwind', 'Blue Harbor', 'Summit', 'Crescent', 'Ironwood', 'Silverline', 'Redwood', 'Brightpath',
  'Clearwater', 'Granite', 'Oakridge', 'Pinnacle', 'Lakeside', 'Evergreen', 'Horizon', 'Keystone',
  'Maple', 'Riverstone', 'Sunrise', 'Trident', 'Vantage', 'Westfield', 'Bluebird', 'Copperfield',
  'Driftwood', 'Falcon', 'Goldcrest', 'Highland', 'Juniper', 'Kestrel', 'Lighthouse', 'Meridian',
] as const;

export const COMPANY_NOUNS = [
  'Systems', 'Logistics', 'Health', 'Foods', 'Analytics', 'Robotics', 'Capital', 'Energy',
  'Media', 'Labs', 'Manufacturing', 'Retail', 'Partners', 'Networks', 'Dynamics', 'Solutions',
] as const;

export const FIRST_NAMES = [
  'Alex', 'Maria', 'James', 'Sofia', 'Daniel', 'Emma', 'Liam', 'Olivia', 'Noah', 'Ava',
  'Lucas', 'Mia', 'Ethan', 'Chloe', 'Mason', 'Zoe', 'Logan', 'Grace', 'Ryan', 'Hannah',
  'Omar', 'Leila', 'Mehmet', 'Elif', 'Jonas', 'Clara', 'Pierre', 'Camille', 'Kenji', 'Yuki',
  'Priya', 'Arjun', 'Sean', 'Aoife', 'Diego', 'Lucia', 'Tom', 'Nina', 'Ben', 'Julia',
] as const;

export const LAST_NAMES = [
  'Smith', 'Garcia', 'Johnson', 'Müller', 'Brown', 'Rossi', 'Davis', 'Martin', 'Wilson', 'Yılmaz',
  'Taylor', 'Dubois', 'Anderson', 'Schmidt', 'Thomas', 'Kaya', 'Moore', 'Bernard', 'Jackson', 'Fischer',
  'White', 'Tanaka', 'Harris', 'Sato', 'Clark', 'Patel', 'Lewis', 'Sharma', 'Walker', "O'Brien",
  'Hall', 'Murphy', 'Young', 'Lopez', 'King', 'Fernández', 'Wright', 'de Vries', 'Scott', 'Novak',
] as const;
