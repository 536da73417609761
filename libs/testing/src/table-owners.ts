import { buildTableOwnership, type EntityClass, type TableOwnership } from '@loopwright/database';
import { EVENTS_ENTITIES } from '@loopwright/events';
import { IDENTITY_ENTITIES } from '@loopwright/identity';
import { LOOPS_ENTITIES } from '@loopwright/loops';
import { NOTIFICATIONS_ENTITIES } from '@loopwright/notifications';
import { PACKETS_ENTITIES } from '@loopwright/packets';
import { PRIVACY_ENTITIES } from '@loopwright/privacy';
import { QUESTION_BANK_ENTITIES } from '@loopwright/question-bank';
import { SCORECARDS_ENTITIES } from '@loopwright/scorecards';
import { WEBHOOKS_ENTITIES } from '@loopwright/webhooks';

/** Each library's entities, by the library's directory under `libs/`. */
export const LIBRARY_ENTITIES: Record<string, readonly EntityClass[]> = {
  events: EVENTS_ENTITIES,
  identity: IDENTITY_ENTITIES,
  'question-bank': QUESTION_BANK_ENTITIES,
  loops: LOOPS_ENTITIES,
  scorecards: SCORECARDS_ENTITIES,
  packets: PACKETS_ENTITIES,
  notifications: NOTIFICATIONS_ENTITIES,
  privacy: PRIVACY_ENTITIES,
  webhooks: WEBHOOKS_ENTITIES,
};

/** The names the libraries export their entity lists under (for `TypeOrmModule.forFeature(LOOPS_ENTITIES)`). */
export const ENTITY_LISTS: Record<string, string> = {
  EVENTS_ENTITIES: 'events',
  IDENTITY_ENTITIES: 'identity',
  QUESTION_BANK_ENTITIES: 'question-bank',
  LOOPS_ENTITIES: 'loops',
  SCORECARDS_ENTITIES: 'scorecards',
  PACKETS_ENTITIES: 'packets',
  NOTIFICATIONS_ENTITIES: 'notifications',
  PRIVACY_ENTITIES: 'privacy',
  WEBHOOKS_ENTITIES: 'webhooks',
};

/** What is no entity: pg-boss's schema (the platform's job queue) and TypeORM's migrations table. */
export const NON_ENTITY_OWNERS = {
  schemas: { pgboss: 'database' },
  tables: { migrations: 'database' },
};

/** Who owns which table, read from the libraries' entities. */
export const TABLE_OWNERSHIP: TableOwnership = buildTableOwnership(LIBRARY_ENTITIES, NON_ENTITY_OWNERS);
