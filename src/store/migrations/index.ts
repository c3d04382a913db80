// Every migration, in order. Add a new file and list it here; never edit a released one.
import type { Migration } from './migration.js';
import { migration001 } from './001-initial.js';
import { migration002 } from './002-import-log.js';
import { migration003 } from './003-users.js';
import { migration004 } from './004-alerts.js';
import { migration005 } from './005-alert-deliveries.js';
import { migration006 } from './006-idempotency-keys.js';

export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];
