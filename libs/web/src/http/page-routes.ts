import { RequestMethod } from '@nestjs/common';

interface RouteInfo {
  path: string;
  method: RequestMethod;
}

/** The pages' routes, which live outside the API's `/api` prefix (`app.setGlobalPrefix('api', { exclude })`). */
export const PAGE_ROUTES: RouteInfo[] = [
  { path: '/', method: RequestMethod.ALL },
  { path: 'login', method: RequestMethod.ALL },
  { path: 'login/sso', method: RequestMethod.ALL },
  { path: 'logout', method: RequestMethod.ALL },
  { path: 'auth/oidc/*path', method: RequestMethod.ALL },
  { path: 'app', method: RequestMethod.ALL },
  { path: 'app/*path', method: RequestMethod.ALL },
  { path: 'assets/*path', method: RequestMethod.ALL },
];
