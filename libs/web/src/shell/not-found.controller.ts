import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { notFound } from '@loopwright/core';
import { BrowserSession } from '@loopwright/identity';
import { PageExceptionFilter } from '../http/page-exception.filter.js';

/** Any other path under /app: the 404 page (with the navigation when signed in), not the API's JSON. */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession({ optional: true })
@Controller()
export class NotFoundController {
  @Get('app/*')
  missing(): never {
    throw notFound('Page');
  }
}
