// /api/users: admins add, list, change and remove users — the API twin of `quotient users`.
import { z } from 'zod';
import type { Store } from '../../store/store.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { ok, route, text } from '../route.js';
import { dataIdSchema, ROLES, type User } from '../auth/roles.js';
import { MAX_PASSWORD, MIN_PASSWORD } from '../auth/secrets.js';
import { addUser, findUserById, listUsers, removeUser, setPassword, updateUser } from '../auth/users.js';
import { userSchema } from './auth.js';

const idParams = z.object({ id: text(100).describe('the user id (user_id)') });
const password = z.string().min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`).max(MAX_PASSWORD);

const newUser = z
  .object({
    email: text(254).describe('e-mail address; the sign-in name'),
    password,
    role: z.enum(ROLES),
    rep_id: dataIdSchema.nullable().optional().describe('the rep this user is in the data (required for role rep)'),
    team_id: dataIdSchema.nullable().optional().describe('the team the user belongs to or leads'),
  })
  .strict();

const change = z
  .object({
    role: z.enum(ROLES).optional(),
    rep_id: dataIdSchema.nullable().optional(),
    team_id: dataIdSchema.nullable().optional(),
    password: password.optional().describe('a new password; ends the user’s sessions'),
  })
  .strict();

async function existing(store: Store, id: string): Promise<User> {
  const user = await findUserById(store, id);
  if (!user) throw new ApiError('not_found', 'no such user');
  return user;
}

export const userRoutes = [
  route({
    method: 'GET',
    url: '/api/users',
    tag: 'Users',
    summary: 'Every user (admins)',
    access: 'admin',
    response: { description: 'the users, by e-mail address', schema: z.array(userSchema) },
    handler: ({ server }) => server.gate.run((store) => listUsers(store)),
  }),
  route({
    method: 'POST',
    url: '/api/users',
    tag: 'Users',
    summary: 'Add a user (admins)',
    access: 'admin',
    body: newUser,
    response: { status: 201, description: 'the new user', schema: userSchema },
    handler: async ({ body, principal, request, reply, server }) => {
      const user = await server.gate.run(async (store) => {
        const u = await addUser(store, body);
        await audit(store, { action: 'user_added', actor: principal!.user.email, target: u.email, ip: request.ip, details: { role: u.role, rep_id: u.rep_id, team_id: u.team_id } });
        return u;
      });
      reply.status(201);
      return user;
    },
  }),
  route({
    method: 'GET',
    url: '/api/users/:id',
    tag: 'Users',
    summary: 'One user (admins)',
    access: 'admin',
    params: idParams,
    response: { description: 'the user', schema: userSchema },
    handler: ({ params, server }) => server.gate.run((store) => existing(store, params.id)),
  }),
  route({
    method: 'PATCH',
    url: '/api/users/:id',
    tag: 'Users',
    summary: 'Change a user’s role, links into the data, or password (admins)',
    access: 'admin',
    params: idParams,
    body: change,
    response: { description: 'the user after the change', schema: userSchema },
    handler: ({ params, body, principal, request, server }) =>
      server.gate.run(async (store) => {
        const user = await existing(store, params.id);
        const { password: pw, ...rest } = body;
        const next = Object.keys(rest).length ? await updateUser(store, user, rest) : user;
        if (Object.keys(rest).length) await audit(store, { action: 'user_changed', actor: principal!.user.email, target: user.email, ip: request.ip, details: rest });
        if (pw !== undefined) {
          await setPassword(store, user, pw);
          await audit(store, { action: 'password_changed', actor: principal!.user.email, target: user.email, ip: request.ip });
        }
        return next;
      }),
  }),
  route({
    method: 'DELETE',
    url: '/api/users/:id',
    tag: 'Users',
    summary: 'Remove a user with their sessions and API tokens (admins)',
    access: 'admin',
    params: idParams,
    response: { description: 'removed', schema: ok },
    handler: ({ params, principal, request, server }) =>
      server.gate.run(async (store) => {
        const user = await existing(store, params.id);
        await removeUser(store, user);
        await audit(store, { action: 'user_removed', actor: principal!.user.email, target: user.email, ip: request.ip });
        return { ok: true as const };
      }),
  }),
];
