// The migrations in the order they run; `npm run migration:generate` appends new ones here.
export const MIGRATIONS = [];
