import { DefaultNamingStrategy, getMetadataArgsStorage } from 'typeorm';

/** An entity class, as the `*_ENTITIES` arrays of the feature libraries hold them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM keys its metadata by any class
export type EntityClass = Function;

/** What one entity maps to: its table, its library, and the entities its relations point at (property → class name). */
export interface OwnedEntity {
  className: string;
  table: string;
  library: string;
  relations: ReadonlyMap<string, string>;
}

/**
 * Who owns what: each table (and each non-entity schema, like pg-boss's) has exactly one owning library. Built from
 * the libraries' entity lists, so a new entity gets its owner by being listed where its library lists the others.
 */
export interface TableOwnership {
  /** Table name (unqualified, in the `public` schema, or `schema.table`) → owning library. */
  tables: ReadonlyMap<string, string>;
  /** Schemas that belong whole to one library (e.g. `pgboss` → `database`). */
  schemas: ReadonlyMap<string, string>;
  /** Entity class name → its table, library and relations. */
  entities: ReadonlyMap<string, OwnedEntity>;
}

export interface NonEntityOwners {
  /** Tables and views that are no entity: name → owning library. */
  tables?: Record<string, string>;
  /** Whole schemas: name → owning library. */
  schemas?: Record<string, string>;
}

const naming = new DefaultNamingStrategy();

function tableNameOf(entity: EntityClass): string {
  const table = getMetadataArgsStorage().tables.find((args) => args.target === entity);
  if (!table) throw new Error(`${entity.name} is listed as an entity but has no @Entity() decorator`);
  return table.name ?? naming.tableName(entity.name, undefined);
}

/** `@ManyToOne('Loop')` or `@ManyToOne(() => Loop)`: the target entity's class name. */
function relationTargetName(type: unknown): string {
  if (typeof type === 'string') return type;
  if (typeof type === 'function') {
    // A class is its own target; an arrow function returns it (or its name).
    const target: unknown = type.prototype ? type : (type as () => unknown)();
    if (typeof target === 'string') return target;
    if (typeof target === 'function') return target.name;
  }
  throw new Error(`Unsupported relation target ${String(type)}`);
}

/** The relations declared on the class and on the classes it extends (e.g. `organization` on OrganizationOwned). */
function relationsOf(entity: EntityClass): Map<string, string> {
  const relations = new Map<string, string>();
  const storage = getMetadataArgsStorage();
  for (
    let target: unknown = entity;
    typeof target === 'function' && target !== Function.prototype;
    target = Object.getPrototypeOf(target)
  ) {
    for (const relation of storage.relations) {
      if (relation.target !== target || relations.has(relation.propertyName)) continue;
      relations.set(relation.propertyName, relationTargetName(relation.type));
    }
  }
  return relations;
}

/** The table → owner map from each library's entities, plus the owners of what is no entity; a table claimed twice throws. */
export function buildTableOwnership(libraries: Record<string, readonly EntityClass[]>, others: NonEntityOwners = {}): TableOwnership {
  const tables = new Map<string, string>();
  const entities = new Map<string, OwnedEntity>();
  const claim = (table: string, library: string): void => {
    const owner = tables.get(table);
    if (owner !== undefined && owner !== library) throw new Error(`Table ${table} is claimed by both ${owner} and ${library}`);
    tables.set(table, library);
  };
  for (const [library, list] of Object.entries(libraries)) {
    for (const entity of list) {
      const table = tableNameOf(entity);
      claim(table, library);
      entities.set(entity.name, { className: entity.name, table, library, relations: relationsOf(entity) });
    }
  }
  for (const [table, library] of Object.entries(others.tables ?? {})) claim(table, library);
  return { tables, schemas: new Map(Object.entries(others.schemas ?? {})), entities };
}

/** The library owning a table name as SQL writes it (`loops`, `public.loops`, `pgboss.job`), or null when unknown. */
export function ownerOfTable(ownership: TableOwnership, name: string): string | null {
  const dot = name.indexOf('.');
  if (dot < 0) return ownership.tables.get(name) ?? null;
  const schema = name.slice(0, dot);
  const table = name.slice(dot + 1);
  if (schema === 'public') return ownership.tables.get(table) ?? null;
  return ownership.schemas.get(schema) ?? ownership.tables.get(name) ?? null;
}
