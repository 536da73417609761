import { SetMetadata } from '@nestjs/common';
import type { Role } from '../roles.js';

export const ALLOWED_ROLES = 'loopwright:allowed-roles';
export const PUBLIC_ROUTE = 'loopwright:public-route';

/** Only callers with one of these roles reach the route (403 otherwise). Without it: any signed-in user. */
export const Allow = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ALLOWED_ROLES, roles);

/** No token needed (login, signup, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
