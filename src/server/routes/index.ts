// Every route of the API, by area. A new area adds its list here (and a row to the access
// matrix in test/server/access-matrix.test.ts, which fails until it has one).
import type { AnyRoute } from '../route.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { catalogRoutes } from './catalog.js';
import { dimensionRoutes } from './dimensions.js';
import { docsRoutes } from './docs.js';
import { exportRoutes } from './export.js';
import { healthRoutes } from './health.js';
import { importRoutes } from './import.js';
import { ingestRoutes } from './ingest.js';
import { eventRoutes } from './events.js';
import { reportRoutes } from './report.js';
import { analysisRoutes } from './analysis.js';
import { targetRoutes } from './targets.js';
import { alertRoutes } from './alerts.js';
import { digestRoutes } from './digest.js';
import { settingsRoutes } from './settings.js';
import { tokenRoutes } from './tokens.js';
import { userRoutes } from './users.js';

export function apiRoutes(): AnyRoute[] {
  const routes: AnyRoute[] = [
    ...healthRoutes,
    ...authRoutes,
    ...catalogRoutes,
    ...dimensionRoutes,
    ...reportRoutes,
    ...analysisRoutes,
    ...targetRoutes,
    ...alertRoutes,
    ...digestRoutes,
    ...settingsRoutes,
    ...importRoutes,
    ...ingestRoutes,
    ...eventRoutes,
    ...exportRoutes,
    ...userRoutes,
    ...tokenRoutes,
    ...auditRoutes,
  ];
  routes.push(...docsRoutes(() => routes));
  return routes;
}
