// GET /api/settings for everyone signed in; PUT /api/settings (admins) changes some or all,
// validated as `quotient config set` validates them, all or none.
import { z } from 'zod';
import { allSettings, setSetting } from '../../store/settings.js';
import { settingDefs } from '../../model/settings.js';
import { audit } from '../audit.js';
import { route, text } from '../route.js';

const settingsShape = Object.fromEntries(settingDefs.map((d) => [d.key, z.string().describe(`${d.doc} (default ${d.default})`)]));
const settingsSchema = z.object(settingsShape).describe('every setting with its value');
const changeSchema = z
  .object(Object.fromEntries(settingDefs.map((d) => [d.key, text(1000).optional().describe(d.doc)])))
  .strict()
  .refine((o) => Object.values(o).some((v) => v !== undefined), 'name at least one setting to change');

/** Settings the API never shows: it says whether one is set, not what it is. */
const SECRET = new Set(['webhook_secret', 'smtp_password']);
const hide = (v: string) => (v ? '(set)' : '');
function redacted(all: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, SECRET.has(k) ? hide(v) : v]));
}

export const settingsRoutes = [
  route({
    method: 'GET',
    url: '/api/settings',
    tag: 'Settings',
    summary: 'Every setting with its value',
    access: 'user',
    response: { description: 'the settings', schema: settingsSchema },
    handler: ({ server }) => server.gate.run(async (store) => redacted(await allSettings(store))),
  }),
  route({
    method: 'PUT',
    url: '/api/settings',
    tag: 'Settings',
    summary: 'Change settings (admins)',
    description: 'Only the settings named change; an invalid value changes none of them.',
    access: 'admin',
    body: changeSchema,
    response: { description: 'every setting after the change', schema: settingsSchema },
    handler: ({ body, principal, request, server }) =>
      server.gate.run(async (store) => {
        const before = await allSettings(store);
        const changed: Record<string, { from: string; to: string }> = {};
        await store.transaction(async () => {
          for (const [key, value] of Object.entries(body as Record<string, string | undefined>)) {
            if (value === undefined) continue;
            const to = await setSetting(store, key, value);
            if (to !== before[key]) changed[key] = { from: before[key], to };
          }
        });
        for (const [key, c] of Object.entries(changed)) await audit(store, { action: 'setting_changed', actor: principal!.user.email, target: key, ip: request.ip, details: SECRET.has(key) ? { from: hide(c.from), to: hide(c.to) } : c });
        return redacted(await allSettings(store));
      }),
  }),
];
