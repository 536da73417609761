import { ownerOfTable, type TableOwnership } from '@loopwright/database';
import ts from 'typescript';

/** One place in a source file that names a table: in SQL, through the query builder, or through an entity. */
export interface TableReference {
  line: number;
  /** As resolved: `loops`, `pgboss.job`. */
  table: string;
  owner: string;
  /** How it is named: `SQL`, `query builder`, `entity User`, `relation Scorecard.loop`, `TypeOrmModule.forFeature`. */
  via: string;
}

export interface ReferenceCatalog {
  ownership: TableOwnership;
  /** Names of entity lists (`LOOPS_ENTITIES`) → the class names in them, for `TypeOrmModule.forFeature(LIST)`. */
  entityLists: ReadonlyMap<string, readonly string[]>;
}

/** Keywords after which SQL names a table (DELETE FROM, INSERT INTO, ALTER TABLE, TRUNCATE, DELETE ... USING). */
const TABLE_KEYWORDS = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'TRUNCATE', 'USING']);
/** Keywords that may stand between those and the table. */
const MODIFIERS = new Set(['ONLY', 'LATERAL', 'IF', 'NOT', 'EXISTS', 'TABLE']);
/** Keywords that end a FROM item, so they are never read as its alias. */
const CLAUSE_WORDS = new Set([
  'WHERE',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'ON',
  'USING',
  'GROUP',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'FOR',
  'SET',
  'RETURNING',
  'WINDOW',
  'HAVING',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'VALUES',
  'SELECT',
  'AS',
]);
/** Tokens of SQL text: comments and string constants (skipped), identifiers (plain or quoted), placeholders, punctuation. */
const SQL_TOKEN = /--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")+"|[A-Za-z_][\w$]*|\$\d+|::|\S/g;

/** EntityManager / Repository / DataSource methods whose first argument is the entity they read or write. */
const ENTITY_METHODS = new Set([
  'find',
  'findBy',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findAndCount',
  'findAndCountBy',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'sum',
  'average',
  'minimum',
  'maximum',
  'save',
  'insert',
  'update',
  'upsert',
  'delete',
  'remove',
  'softDelete',
  'softRemove',
  'restore',
  'increment',
  'decrement',
  'create',
  'merge',
  'preload',
  'clear',
  'getRepository',
  'getTreeRepository',
  'createQueryBuilder',
  'InjectRepository',
]);
/** Query-builder methods naming what they read from or join: a table name, an entity, or a relation path `alias.property`. */
const BUILDER_METHODS = new Set(['from', 'into', 'innerJoin', 'leftJoin', 'innerJoinAndSelect', 'leftJoinAndSelect']);
const BUILDER_MAP_METHODS = new Set(['innerJoinAndMapOne', 'innerJoinAndMapMany', 'leftJoinAndMapOne', 'leftJoinAndMapMany']);
/** Methods taking find options (`where`, `relations`, `order`, `select` may join through relations)... */
const OPTIONS_METHODS = new Set(['find', 'findOne', 'findOneOrFail', 'findAndCount', 'count', 'exists']);
/** ...and methods taking a `where` directly. */
const WHERE_METHODS = new Set([
  'findBy',
  'findOneBy',
  'findOneByOrFail',
  'findAndCountBy',
  'countBy',
  'existsBy',
  'delete',
  'update',
  'softDelete',
  'restore',
]);
const JOINING_OPTIONS = new Set(['where', 'relations', 'order', 'select']);

const unquote = (name: string): string => (name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name);
const isIdentifier = (token: string | undefined): token is string =>
  token !== undefined && /^(?:[A-Za-z_][\w$]*|"(?:[^"]|"")+")$/.test(token);

/** Table names in SQL text, with their offsets in it: identifiers after FROM/JOIN/INTO/UPDATE/TABLE, schema-qualified or quoted. */
export function sqlTableNames(sql: string): { name: string; offset: number }[] {
  const tokens = [...sql.matchAll(SQL_TOKEN)]
    .filter((match) => !match[0].startsWith('--') && !match[0].startsWith('/*') && !match[0].startsWith("'"))
    .map((match) => ({ text: match[0], offset: match.index }));
  const names: { name: string; offset: number }[] = [];
  const keyword = (index: number): string => tokens[index]?.text.toUpperCase() ?? '';
  /** Reads `name` or `schema.name` at `index`; after FROM/JOIN, a function call (`unnest(`) is no table. Returns the index after it. */
  const readName = (index: number, functionsAllowed: boolean): number => {
    const first = tokens[index];
    if (!first || !isIdentifier(first.text)) return -1;
    let name = unquote(first.text);
    let next = index + 1;
    if (tokens[next]?.text === '.' && isIdentifier(tokens[next + 1]?.text)) {
      name = `${name}.${unquote(tokens[next + 1]!.text)}`;
      next += 2;
    }
    if (functionsAllowed && tokens[next]?.text === '(') return -1;
    names.push({ name, offset: first.offset });
    return next;
  };
  // Lower-case keywords count only in text that starts like SQL: `{{join pillars}}` or "data from users" is no SQL.
  const lowerCaseSql = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|TRUNCATE|ALTER|LOCK)\b/i.test(sql);
  for (let index = 0; index < tokens.length; index += 1) {
    const word = keyword(index);
    if (!TABLE_KEYWORDS.has(word) || (!lowerCaseSql && tokens[index]!.text !== word)) continue;
    const functionsAllowed = word === 'FROM' || word === 'JOIN' || word === 'USING';
    let at = index + 1;
    while (MODIFIERS.has(keyword(at))) at += 1;
    let next = readName(at, functionsAllowed);
    // FROM a, b / TRUNCATE a, b / USING a, b: every item of the list.
    while (next >= 0 && (word === 'FROM' || word === 'TRUNCATE' || word === 'USING')) {
      if (keyword(next) === 'AS') next += 1;
      if (isIdentifier(tokens[next]?.text) && !CLAUSE_WORDS.has(keyword(next))) next += 1;
      if (tokens[next]?.text !== ',') break;
      next = readName(next + 1, functionsAllowed);
    }
  }
  return names;
}

function calleeName(call: ts.CallExpression): string | null {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

const propertyName = (property: ts.ObjectLiteralElementLike): string | null =>
  property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : null;

/** Every table the source names, with the library that owns it (tables nobody owns, like CTE names, are left out). */
export function tableReferences(source: string, fileName: string, catalog: ReferenceCatalog): TableReference[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const { ownership } = catalog;
  const references: TableReference[] = [];
  const lineOf = (position: number): number => file.getLineAndCharacterOfPosition(position).line + 1;
  const addTableAtLine = (table: string, line: number, via: string): void => {
    const owner = ownerOfTable(ownership, table);
    if (owner !== null) references.push({ line, table, owner, via });
  };
  const addTable = (table: string, position: number, via: string): void => addTableAtLine(table, lineOf(position), via);
  const entityOf = (node: ts.Node | undefined): string | null =>
    node && ts.isIdentifier(node) && ownership.entities.has(node.text) ? node.text : null;
  const addEntity = (className: string, position: number, via = `entity ${className}`): void => {
    const entity = ownership.entities.get(className);
    if (entity) references.push({ line: lineOf(position), table: entity.table, owner: entity.library, via });
  };

  const scanSql = (text: string, start: number): void => {
    for (const { name, offset } of sqlTableNames(text))
      addTableAtLine(name, lineOf(start) + text.slice(0, offset).split('\n').length - 1, 'SQL');
  };

  // Query-builder aliases: `createQueryBuilder(Scorecard, 's')`, `.from(Loop, 'l')`, `getRepository(X).createQueryBuilder('x')`.
  const aliases = new Map<string, string>();
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) scanSql(node.text, node.getStart(file) + 1);
    else if (ts.isTemplateExpression(node)) {
      scanSql(node.head.text, node.head.getStart(file) + 1);
      for (const span of node.templateSpans) scanSql(span.literal.text, span.literal.getStart(file) + 1);
    }
    if (ts.isCallExpression(node)) {
      calls.push(node);
      const name = calleeName(node);
      const [first, second] = node.arguments;
      const entity = entityOf(first);
      if (entity && second && ts.isStringLiteral(second) && (name === 'createQueryBuilder' || BUILDER_METHODS.has(name ?? '')))
        aliases.set(second.text, entity);
      if (name === 'createQueryBuilder' && first && ts.isStringLiteral(first) && ts.isPropertyAccessExpression(node.expression)) {
        const receiver = node.expression.expression;
        if (ts.isCallExpression(receiver) && calleeName(receiver) === 'getRepository') {
          const owner = entityOf(receiver.arguments[0]);
          if (owner) aliases.set(first.text, owner);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  /** Joins through relations in find options: `where: { loop: { status } }`, `relations: { round: true }`. */
  const walkRelations = (node: ts.Expression, className: string): void => {
    if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) walkRelations(element, className);
      return;
    }
    if (!ts.isObjectLiteralExpression(node)) return;
    const relations = ownership.entities.get(className)?.relations;
    for (const property of node.properties) {
      const key = propertyName(property);
      const target = key ? relations?.get(key) : undefined;
      if (!key || !target) continue;
      addEntity(target, property.getStart(file), `relation ${className}.${key}`);
      if (ts.isPropertyAssignment(property)) walkRelations(property.initializer, target);
    }
  };
  const relationPath = (path: string, position: number): void => {
    const [alias, property] = path.split('.');
    const className = alias ? aliases.get(alias) : undefined;
    const target = className && property ? ownership.entities.get(className)?.relations.get(property) : undefined;
    if (className && target) addEntity(target, position, `relation ${className}.${property}`);
  };

  for (const call of calls) {
    const name = calleeName(call);
    if (!name) continue;
    const args = call.arguments;
    const position = call.getStart(file);
    if (name === 'forFeature' && args[0]) {
      const list = args[0];
      const classNames = ts.isArrayLiteralExpression(list)
        ? list.elements.flatMap((element) => (ts.isIdentifier(element) ? [element.text] : []))
        : ts.isIdentifier(list)
          ? [...(catalog.entityLists.get(list.text) ?? [])]
          : [];
      for (const className of classNames) addEntity(className, position, `TypeOrmModule.forFeature(${className})`);
      continue;
    }
    if (BUILDER_METHODS.has(name) || BUILDER_MAP_METHODS.has(name)) {
      const target = BUILDER_MAP_METHODS.has(name) ? args[1] : args[0];
      if (target && ts.isStringLiteral(target)) {
        if (/^\w+\.\w+$/.test(target.text) && aliases.has(target.text.split('.')[0]!)) relationPath(target.text, position);
        else if (/^[\w."]+$/.test(target.text)) addTable(unquote(target.text), position, 'query builder');
        continue;
      }
      const entity = entityOf(target);
      if (entity) addEntity(entity, position, `query builder ${entity}`);
      continue;
    }
    const entity = entityOf(args[0]);
    if (!entity || !ENTITY_METHODS.has(name)) continue;
    addEntity(entity, position);
    const options = args[1];
    if (options && OPTIONS_METHODS.has(name) && ts.isObjectLiteralExpression(options)) {
      for (const property of options.properties)
        if (ts.isPropertyAssignment(property) && JOINING_OPTIONS.has(propertyName(property) ?? ''))
          walkRelations(property.initializer, entity);
    } else if (options && WHERE_METHODS.has(name)) walkRelations(options, entity);
  }
  return references.sort((a, b) => a.line - b.line || a.table.localeCompare(b.table));
}
