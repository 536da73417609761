import { RequestMethod } from '@nestjs/common';

/** The calendar feed lives outside the API's `/api` prefix, as the pages do (`app.setGlobalPrefix('api', { exclude })`). */
export const FEED_ROUTES = [{ path: 'calendar/:file', method: RequestMethod.GET }];
