// GET /api/kpis: the KPI catalog, the same list as `quotient kpis --format json`.
import { z } from 'zod';
import { LANGS } from '../../metrics/types.js';
import { catalogJson } from '../../cli/format/catalog.js';
import { route } from '../route.js';

const kpiEntry = z.object({
  id: z.string(),
  name: z.string(),
  definition: z.string(),
  unit: z.enum(['money', 'ratio', 'count', 'days', 'points']),
  direction: z.enum(['higher', 'lower']),
  family: z.string(),
  dimensions: z.array(z.string()).describe('dimensions the KPI can be split and filtered by'),
  implicit: z.array(z.string()),
  needs: z.array(z.string()).describe('entities whose data the KPI needs'),
  formula: z.string(),
  rules: z.string().optional(),
});

export const catalogRoutes = [
  route({
    method: 'GET',
    url: '/api/kpis',
    tag: 'KPIs',
    summary: 'Every KPI with its definition, unit, direction and dimensions',
    access: 'user',
    query: z.object({ lang: z.enum(LANGS).default('en').describe('language of names and definitions') }).strict(),
    response: { description: 'the KPI catalog', schema: z.array(kpiEntry) },
    handler: async ({ query }) => catalogJson(query.lang),
  }),
];
