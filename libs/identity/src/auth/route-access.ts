import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../roles.js';
import { ALLOWED_ROLES, ANONYMOUS_LIMIT_FACTOR, NOT_RATE_LIMITED, PUBLIC_ROUTE } from './allow.decorator.js';
import { BROWSER_SESSION, type BrowserSessionOptions } from './web-session.js';

/** Who may call a route and how it is limited, from its decorators (handler over controller). */
export interface RouteAccess {
  isPublic: boolean;
  browserSession: BrowserSessionOptions | undefined;
  allowedRoles: Role[] | undefined;
  notRateLimited: boolean;
  anonymousLimitFactor: number;
}

/** A route's access metadata read once per handler (decorators do not change at run time), not on every request. */
@Injectable()
export class RouteAccessCache {
  // By controller, then handler: a handler inherited by two controllers may carry two controllers' decorators.
  private readonly byController = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(private readonly reflector: Reflector) {}

  of(context: ExecutionContext): RouteAccess {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.byController.get(controller);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.byController.set(controller, byHandler);
    }
    let access = byHandler.get(handler);
    if (!access) {
      access = this.read([handler, controller]);
      byHandler.set(handler, access);
    }
    return access;
  }

  private read(targets: [object, object]): RouteAccess {
    const metadata = <T>(key: string): T | undefined => this.reflector.getAllAndOverride<T>(key, targets as never);
    return {
      isPublic: metadata<boolean>(PUBLIC_ROUTE) ?? false,
      browserSession: metadata<BrowserSessionOptions>(BROWSER_SESSION),
      allowedRoles: metadata<Role[]>(ALLOWED_ROLES),
      notRateLimited: metadata<boolean>(NOT_RATE_LIMITED) ?? false,
      anonymousLimitFactor: metadata<number>(ANONYMOUS_LIMIT_FACTOR) ?? 1,
    };
  }
}
