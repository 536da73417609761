// The migrations in the order they run; `npm run migration:generate` rewrites this list.
import { Identity1795929612245 } from './1795929612245-Identity.js';

export const MIGRATIONS = [Identity1795929612245];
