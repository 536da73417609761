/**
 * SQL: the organization's pillars in their order, a json array of `CatalogPillar` (`[]` for none); with `ids` (an SQL
 * uuid[] expression), only the pillars among them. `organization` and `ids` are SQL written by the calling code
 * (placeholders, columns), never input. The one copy behind `QuestionsService.catalog`/`catalogSql` and
 * `PillarsService.pillarsSql`.
 */
export const pillarsJson = (organization: string, ids?: string): string =>
  `coalesce((SELECT json_agg(json_build_object('id', p.id, 'key', p.key, 'name', p.name, 'description', p.description) ORDER BY p.position, p.id)
               FROM pillars p WHERE p.organization_id = ${organization}${ids ? ` AND p.id = ANY(${ids})` : ''}), '[]'::json)`;
