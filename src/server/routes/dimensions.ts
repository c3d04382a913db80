// GET /api/dimensions: the teams, reps, products, sources, segments and techniques filters can
// take, with names — reps and teams only as far as the caller's scope reaches.
import { z } from 'zod';
import { dimensionValues } from '../../query/dimension-values.js';
import { loadSettings } from '../../store/settings.js';
import { todayIn } from '../../util/dates.js';
import { loadScope } from '../auth/scope.js';
import { route } from '../route.js';

const values = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string(), region: z.string().nullable() })),
  reps: z.array(z.object({ id: z.string(), name: z.string(), team_id: z.string().nullable(), role: z.string().nullable(), active: z.boolean() })),
  products: z.array(z.object({ id: z.string(), name: z.string(), product_line: z.string().nullable() })),
  sources: z.array(z.string()),
  segments: z.array(z.string()),
  techniques: z.array(z.string()),
});

export const dimensionRoutes = [
  route({
    method: 'GET',
    url: '/api/dimensions',
    tag: 'KPIs',
    summary: 'The values filters can take, with names (reps and teams within what the caller may see)',
    access: 'user',
    response: { description: 'teams, reps, products, sources, segments, techniques', schema: values },
    handler: ({ principal, server }) =>
      server.gate.run(async (store) => {
        const scope = await loadScope(store, principal!.user);
        const settings = await loadSettings(store);
        return dimensionValues(store, { reps: scope.reps, teams: scope.teams }, todayIn(settings.timezone));
      }),
  }),
];
