// GET /api/events: live data events for open dashboards, as server-sent events. A `ready` event
// with the data version first, then a `data` event { version, entities } after every change of
// the data (a push, an import — by this server or by another process on the same store), and
// a heartbeat comment every 15 s. Any signed-in user or token; EventSource sends the session
// cookie, and a read needs no CSRF token. A stream ends after 10 minutes and the browser
// reconnects, so a session that ended stops getting events.
import { z } from 'zod';
import { route } from '../route.js';

export const eventRoutes = [
  route({
    method: 'GET',
    url: '/api/events',
    tag: 'Data',
    summary: 'Live data events (server-sent events): the data version whenever the data changes',
    description:
      'A text/event-stream. First "event: ready" with data {"version": N}, then "event: data" with {"version": N, "entities": [...]} whenever data is written ' +
      '(entities: what changed, when known; empty when the change was not an import, like a setting). Lines starting with ":" are heartbeats. ' +
      'once=true answers the ready event only and ends (to read the data version).',
    access: 'user',
    query: z.object({ once: z.enum(['true', 'false']).default('false').describe('send the ready event and end') }).strict(),
    response: { description: 'the event stream', contentType: 'text/event-stream' },
    handler: async ({ reply, query, server }) => {
      const stream = await server.events.subscribe(query.once === 'true');
      // The browser closing the page ends the stream (and its place among the listeners).
      reply.raw.on('close', () => stream.destroy());
      // Connection: close — when the stream ends (after 10 minutes, or the server stopping) the socket goes too,
      // rather than idling as a keep-alive connection that would hold up the server's close.
      reply.header('cache-control', 'no-store').header('connection', 'close').header('x-accel-buffering', 'no').type('text/event-stream; charset=utf-8');
      return reply.send(stream);
    },
  }),
];
