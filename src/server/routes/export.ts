// GET /api/export/{entity}.csv: one entity in the import format, so a download can be
// imported again unchanged. Admins only: an export holds every rep's records.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { exportEntity } from '../../export/export.js';
import { entities, entity } from '../../model/entities.js';
import { route } from '../route.js';

export const exportRoutes = [
  route({
    method: 'GET',
    url: '/api/export/:entity.csv',
    tag: 'Data',
    summary: 'Download one entity as CSV in the import format',
    access: 'admin',
    params: z.object({ entity: z.enum(entities.map((e) => e.name) as [string, ...string[]]).describe('the entity to export') }),
    response: { description: 'the CSV file, header first', contentType: 'text/csv' },
    handler: async ({ params, reply, server }) => {
      const dir = mkdtempSync(join(server.options.tempDir ?? tmpdir(), 'quotient-export-'));
      const path = join(dir, `${params.entity}.csv`);
      try {
        await server.gate.run((store) => exportEntity(store, entity(params.entity)!, path, 'csv'));
      } catch (e) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
      const stream = createReadStream(path);
      stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${params.entity}.csv"`);
      return reply.send(stream);
    },
  }),
];
