import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ENTITIES } from '../../../apps/api/src/entities.js';
import { tableReferences, type ReferenceCatalog, type TableReference } from './table-references.js';
import { ENTITY_LISTS, LIBRARY_ENTITIES, TABLE_OWNERSHIP } from './table-owners.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Test set-up writes every table on purpose. */
const EXEMPT_LIBRARIES = new Set(['testing']);

const catalog: ReferenceCatalog = {
  ownership: TABLE_OWNERSHIP,
  entityLists: new Map(
    Object.entries(ENTITY_LISTS).map(([name, library]) => [name, (LIBRARY_ENTITIES[library] ?? []).map((entity) => entity.name)]),
  ),
};

/**
 * Files allowed to name another library's tables, with the tables: none. A read model that needs one join across
 * features gets a view or a repository method from the table's owner instead.
 */
const EXCEPTIONS: { file: string; tables: string[]; by: string }[] = [];

interface Violation extends TableReference {
  library: string;
  file: string;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

function foreignReferences(): Violation[] {
  const libraries = readdirSync(path.join(ROOT, 'libs')).filter((name) => !EXEMPT_LIBRARIES.has(name));
  return libraries.flatMap((library) =>
    sourceFiles(path.join(ROOT, 'libs', library, 'src')).flatMap((full) => {
      const file = path.relative(ROOT, full);
      return tableReferences(readFileSync(full, 'utf8'), file, catalog)
        .filter((reference) => reference.owner !== library)
        .map((reference) => ({ ...reference, library, file }));
    }),
  );
}

const describeViolation = (v: Violation): string => `${v.library}: ${v.file}:${v.line} names ${v.owner}'s table ${v.table} (${v.via})`;

const namesIn = (source: string): string[] =>
  tableReferences(source, 'sample.ts', catalog).map((reference) => `${reference.line}:${reference.table} (${reference.via})`);

describe('the table reference detector', () => {
  it('finds tables in raw SQL: after FROM, JOIN, INTO, UPDATE, DELETE FROM, TABLE, schema-qualified and quoted', () => {
    const source = [
      'const a = `SELECT u.name FROM users u, candidates AS c',
      '  JOIN "public"."loops" l ON l.id = $1`;',
      "const b = 'INSERT INTO audit_events (id) VALUES ($1)';",
      "const c = 'UPDATE loop_rounds SET position = 0';",
      "const d = 'DELETE FROM pgboss.job WHERE id = $1';",
      "const e = 'ALTER TABLE questions ADD COLUMN x int';",
      "const f = 'select id from pillars';",
    ].join('\n');
    expect(namesIn(source)).toEqual([
      '1:candidates (SQL)',
      '1:users (SQL)',
      '2:public.loops (SQL)',
      '3:audit_events (SQL)',
      '4:loop_rounds (SQL)',
      '5:pgboss.job (SQL)',
      '6:questions (SQL)',
      '7:pillars (SQL)',
    ]);
  });

  it('leaves out what is no table: CTE names, functions, IS DISTINCT FROM, extract(... FROM ...), Handlebars, prose', () => {
    const source = [
      'const a = `WITH mine AS (SELECT 1) SELECT extract(epoch FROM m.starts_at) FROM mine m CROSS JOIN LATERAL unnest($1::uuid[]) AS x(id)',
      '  WHERE m.id IS DISTINCT FROM $2`;',
      "const b = '{{join pillars ",
      "}}';",
      "const c = 'Copy the answers from users of another team';",
    ].join('\n');
    expect(namesIn(source)).toEqual([]);
  });

  it('finds entity access, query builders and joins through relations, not relation decorators', () => {
    const source = [
      'class X {',
      '  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}',
      '  async run(manager: EntityManager) {',
      '    await manager.findOneBy(Pillar, { id });',
      "    await manager.find(Scorecard, { where: { loop: { status: 'decided' } }, relations: { round: true } });",
      "    await manager.createQueryBuilder(Scorecard, 's').innerJoin('s.loop', 'l').leftJoin('users', 'u', 'u.id = s.author_id').getMany();",
      "    await this.dataSource.getRepository(Candidate).createQueryBuilder('c').from(Position, 'p').getMany();",
      '  }',
      '}',
      'TypeOrmModule.forFeature([LoopRound]);',
      'TypeOrmModule.forFeature(PACKETS_ENTITIES);',
      "@ManyToOne('Loop', { onDelete: 'CASCADE' }) loop?: Relation<Loop>;",
    ].join('\n');
    expect(namesIn(source)).toEqual([
      '2:users (entity User)',
      '4:pillars (entity Pillar)',
      '5:loop_rounds (relation Scorecard.round)',
      '5:loops (relation Scorecard.loop)',
      '5:scorecards (entity Scorecard)',
      '6:loops (relation Scorecard.loop)',
      '6:scorecards (entity Scorecard)',
      '6:users (query builder)',
      '7:candidates (entity Candidate)',
      '7:positions (query builder Position)',
      '10:loop_rounds (TypeOrmModule.forFeature(LoopRound))',
      '11:packet_exports (TypeOrmModule.forFeature(PacketExport))',
      '11:packet_template_versions (TypeOrmModule.forFeature(PacketTemplateVersion))',
      '11:packet_templates (TypeOrmModule.forFeature(PacketTemplate))',
    ]);
  });
});

describe('table ownership', () => {
  it('gives every entity of the product exactly one owning library', () => {
    const owned = new Set(Object.values(LIBRARY_ENTITIES).flat());
    const unowned = ENTITIES.filter((entity) => !owned.has(entity)).map((entity) => entity.name);
    expect(unowned).toEqual([]);
    expect(TABLE_OWNERSHIP.tables.get('loop_rounds')).toBe('loops');
    expect(TABLE_OWNERSHIP.tables.get('users')).toBe('identity');
    expect(TABLE_OWNERSHIP.schemas.get('pgboss')).toBe('database');
  });

  it('finds no library naming another library’s table in SQL, query builders or entity access', () => {
    const excepted = (v: Violation): boolean => EXCEPTIONS.some((entry) => entry.file === v.file && entry.tables.includes(v.table));
    const violations = foreignReferences();
    expect(violations.filter((v) => !excepted(v)).map(describeViolation)).toEqual([]);
    const stale = EXCEPTIONS.flatMap((entry) =>
      entry.tables
        .filter((table) => !violations.some((v) => v.file === entry.file && v.table === table))
        .map((table) => `${entry.file}: ${table}`),
    );
    // An exception nothing needs any more: delete it from EXCEPTIONS.
    expect(stale).toEqual([]);
  });
});
