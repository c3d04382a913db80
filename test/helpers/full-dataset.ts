// A small hand-written data set with every entity, in the canonical import format.
// References resolve within the set; values cover quotes, commas, line breaks, empty optional
// values, fractional seconds, several currencies and both NPS and CSAT answers.
import type { EntityName } from '../../src/model/fields.js';

export const fullDataSet: Record<EntityName, string> = {
  teams: `team_id,name,manager_rep_id,region
T1,North,R1,EMEA
T2,"South, West",R2,
`,
  reps: `rep_id,name,email,team_id,role,hire_date,end_date
R1,Ann Manager,ann@example.com,T1,manager,2023-01-02,
R2,Bob Boss,bob@example.com,T2,manager,2023-06-01,
R3,"Cy ""Closer"" Smith",,T1,rep,2024-02-15,2025-12-31
R4,Dee,dee@example.com,T2,rep,2025-03-01,
`,
  accounts: `account_id,name,segment,industry,region,country,acquisition_channel
A1,Acme GmbH,enterprise,Manufacturing,EMEA,DE,outbound
A2,Müller & Söhne,SMB,Retail,EMEA,AT,web
A3,Globex,mid-market,,NA,US,
`,
  products: `product_id,name,product_line,list_price,unit_cost
P1,Core,Platform,1000,250.5
P2,Add-on,Extensions,99.99,
`,
  pipeline_stages: `stage,position,probability
Qualification,1,0.1
Demo,2,0.3
Proposal,3,0.6
Negotiation,4,
`,
  fx_rates: `date,currency,rate
2026-01-01,EUR,1.08
2026-01-01,GBP,1.27
2026-02-01,EUR,1.1
`,
  leads: `lead_id,created_at,source,rep_id,account_id,status,converted_at,opportunity_id
L1,2026-01-02T09:15:00Z,web,R3,A1,converted,2026-01-05T10:00:00Z,O1
L2,2026-01-03T12:00:00.250Z,event,R4,,open,,
L3,2026-01-04T08:00:00Z,referral,,A3,disqualified,,
`,
  opportunities: `opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,lead_id,source,technique,expected_close_date,probability,lost_reason
O1,A1,R3,2026-01-05T10:00:00Z,won,Negotiation,12500.5,EUR,2026-02-20T16:30:00Z,L1,web,SPIN,2026-02-28,1,
O2,A2,R4,2026-01-10T11:00:00Z,lost,Proposal,999.99,,2026-03-01T09:00:00Z,,event,Challenger,,0.25,"price, timing"
O3,A3,R3,2026-02-01T08:00:00Z,open,Demo,0,USD,,,referral,,2026-06-30,0.3,
`,
  stage_changes: `opportunity_id,stage,entered_at
O1,Qualification,2026-01-05T10:00:00Z
O1,Demo,2026-01-20T10:00:00Z
O1,Negotiation,2026-02-10T10:00:00Z
O2,Proposal,2026-01-15T10:00:00Z
O3,Demo,2026-02-02T10:00:00Z
`,
  line_items: `opportunity_id,product_id,quantity,unit_price,discount
O1,P1,10,1000,0.05
O1,P2,30,99.99,
O2,P2,10,99.999,0.1
`,
  activities: `activity_id,rep_id,type,occurred_at,opportunity_id,account_id,lead_id,outcome,duration_seconds
AC1,R3,call,2026-01-06T10:00:00Z,O1,A1,,connected,300
AC2,R3,email,2026-01-07T10:00:00Z,O1,A1,,,
AC3,R4,meeting,2026-01-12T14:00:00Z,O2,A2,,"no decision
yet",3600
AC4,R4,social,2026-01-04T10:00:00Z,,,L2,,0
`,
  spend: `spend_id,date,channel,category,amount,currency
S1,2026-01-01,web,marketing,5000,EUR
S2,2026-01-01,event,marketing,1234.56,
S3,2026-02-01,outbound,sales,800,GBP
`,
  targets: `target_id,kpi,scope,scope_id,period_start,period_end,value
G1,revenue,company,,2026-01-01,2026-03-31,500000
G2,revenue,team,T1,2026-01-01,2026-03-31,250000
G3,win_rate,rep,R3,2026-01-01,2026-12-31,0.35
`,
  survey_responses: `response_id,kind,score,responded_at,account_id,rep_id,opportunity_id,scale_max
N1,nps,9,2026-03-01T10:00:00Z,A1,R3,O1,
N2,nps,0,2026-03-02T10:00:00Z,A2,,,
N3,csat,4,2026-03-03T10:00:00Z,A1,R3,,5
N4,csat,7,2026-03-04T10:00:00Z,,,,7
`,
  subscriptions: `subscription_id,account_id,started_at,ended_at,mrr,currency
U1,A1,2026-03-01T00:00:00Z,,1041.7,EUR
U2,A2,2025-01-01T00:00:00Z,2025-12-31T23:59:59Z,49,
`,
};

/** Rows per entity in the set. */
export const fullDataSetRows: Record<EntityName, number> = {
  teams: 2,
  reps: 4,
  accounts: 3,
  products: 2,
  pipeline_stages: 4,
  fx_rates: 3,
  leads: 3,
  opportunities: 3,
  stage_changes: 5,
  line_items: 3,
  activities: 4,
  spend: 3,
  targets: 3,
  survey_responses: 4,
  subscriptions: 2,
};
