import { EVENTS_ENTITIES } from '@loopwright/events';
import { IDENTITY_ENTITIES } from '@loopwright/identity';
import { LOOPS_ENTITIES } from '@loopwright/loops';
import { NOTIFICATIONS_ENTITIES } from '@loopwright/notifications';
import { PACKETS_ENTITIES } from '@loopwright/packets';
import { PRIVACY_ENTITIES } from '@loopwright/privacy';
import { QUESTION_BANK_ENTITIES } from '@loopwright/question-bank';
import { SCORECARDS_ENTITIES } from '@loopwright/scorecards';
import { WEBHOOKS_ENTITIES } from '@loopwright/webhooks';

/**
 * Every entity of the product. The API, the worker and the migration scripts share this list, so
 * `migration:check` compares the schema against exactly what the services use.
 */
export const ENTITIES = [...EVENTS_ENTITIES, ...IDENTITY_ENTITIES, ...QUESTION_BANK_ENTITIES, ...LOOPS_ENTITIES, ...SCORECARDS_ENTITIES, ...PACKETS_ENTITIES, ...NOTIFICATIONS_ENTITIES, ...PRIVACY_ENTITIES, ...WEBHOOKS_ENTITIES];
