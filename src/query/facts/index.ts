// Every fact, by id.
import type { FactDef } from './types.js';
import { closedOpportunities, createdOpportunities, openOpportunities, workedOpportunities } from './opportunities.js';
import { openStageSnapshot, stageEntries, stageExits } from './stages.js';
import { activitiesFact, closedOpportunityActivities } from './activities.js';
import { wonLineItems } from './line-items.js';
import { leadsFact, spendFact } from './leads-spend.js';
import { customersFact, newCustomers, surveysFact } from './customers.js';
import { activeReps, rampsFact, targetsFact } from './people.js';

export const facts: readonly FactDef[] = [
  closedOpportunities,
  createdOpportunities,
  workedOpportunities,
  openOpportunities,
  openStageSnapshot,
  stageEntries,
  stageExits,
  activitiesFact,
  closedOpportunityActivities,
  wonLineItems,
  leadsFact,
  spendFact,
  newCustomers,
  customersFact,
  surveysFact,
  activeReps,
  rampsFact,
  targetsFact,
];

const byId = new Map(facts.map((f) => [f.id, f]));

export function fact(id: string): FactDef {
  const f = byId.get(id);
  if (!f) throw new Error(`no fact "${id}"`);
  return f;
}
