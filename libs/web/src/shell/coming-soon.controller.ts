import { Controller, Get, Render, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { forbidden } from '@loopwright/core';
import { BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { NAV_ITEMS, mayOpen } from './navigation.js';
import { shellFor, type PageView } from './shell.js';

/**
 * The navigation's pages that are not built yet answer "coming" (with the same role rule as the link), so that the
 * navigation is already the one WEB.md describes. Building one of them: take its path out of this list.
 */
export const COMING_PAGES = [
  '/app/candidates',
  '/app/positions',
  '/app/questions',
  '/app/exports',
  '/app/analytics',
  '/app/admin',
];

@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller()
export class ComingSoonController {
  @Get(COMING_PAGES.map((path) => path.slice(1)))
  @Render('coming-soon.hbs')
  coming(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest): PageView & { heading: string } {
    const path = request.url.split('?', 1)[0] ?? '';
    const item = NAV_ITEMS.find((candidate) => candidate.href === path);
    if (!item || !mayOpen(item, actor.roles)) throw forbidden(`This page is for: ${(item?.roles ?? []).join(', ')}`);
    return { title: item.label, shell: shellFor(actor, path), heading: item.label };
  }
}
