import type { EntityManager } from 'typeorm';

/**
 * What identity needs to know of the question bank's pillars, provided by the question bank
 * (identity sits below it and cannot import it).
 */
export abstract class PillarCatalog {
  /** The ids among `pillarIds` that are pillars of this organization. */
  abstract existingPillarIds(manager: EntityManager, organizationId: string, pillarIds: string[]): Promise<Set<string>>;
}
