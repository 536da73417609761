/**
 * Every entity of the product. The API, the worker and the migration scripts share this list, so
 * `migration:check` compares the schema against exactly what the services use.
 */
export const ENTITIES = [];
