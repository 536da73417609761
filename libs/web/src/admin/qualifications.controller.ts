import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow, BrowserSession, CurrentActor, QualificationInputDto, UsersService, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { isFormRefusal } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { formProblems } from './admin-form.js';
import { postedRow, rowChanged, type PostedQualification } from './qualification-grid.js';
import { QualificationsPage, type GridUser } from './qualifications.page.js';

const GRID = '/app/admin/qualifications';

/** Which button saved: one user's row (`save=<userId>`) or every changed row (`save=all`). */
const SAVE_ALL = 'all';

/**
 * The qualifications grid (admins and hiring managers, as `PUT /api/users/:id/qualifications`). One form for the
 * grid: each row's **Save** sends the row's selects, **Save all changes** every row that changed; each row is one
 * replace of that user's qualifications through UsersService.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin', 'hiring_manager')
@Controller('app/admin/qualifications')
export class QualificationsController {
  constructor(
    private readonly page: QualificationsPage,
    private readonly users: UsersService,
  ) {}

  @Get()
  async grid(@CurrentActor() actor: Actor, @Query('saved') saved: unknown, @Res() reply: FastifyReply): Promise<void> {
    const grid = await this.page.grid(actor);
    const savedUser = grid.users.find((user) => user.id === saved);
    const notice = saved === SAVE_ALL ? 'The changes were saved.' : savedUser ? `Saved the qualifications of ${savedUser.name}.` : undefined;
    const view = await this.page.view(actor, GRID, notice ? { notice } : {}, grid);
    await renderPage(reply, HttpStatus.OK, 'admin-qualifications.hbs', view);
  }

  @Post()
  async save(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const which = fields.get('save') ?? SAVE_ALL;
    const grid = await this.page.grid(actor);
    const pillarIds = grid.pillars.map((pillar) => pillar.id);
    const changes: { user: GridUser; posted: PostedQualification[] }[] = [];
    for (const user of grid.users) {
      if (which !== SAVE_ALL && which !== user.id) continue;
      const posted = postedRow(fields, user.id, pillarIds, user.qualifications);
      if (posted && (which === user.id || rowChanged(posted, user.qualifications))) changes.push({ user, posted });
    }
    const problems = new Map<string, string>();
    for (const { user, posted } of changes) {
      try {
        const input = await Promise.all(posted.map((item) => validatedInput(QualificationInputDto, { ...item })));
        await this.users.replaceQualifications(actor, user.id, input);
      } catch (error) {
        if (!isFormRefusal(error)) throw error;
        const refused = formProblems(error, { level: 'Level', pillarId: 'Pillar' });
        problems.set(user.id, `Not saved: ${[...Object.values(refused.fieldErrors), refused.problem].filter(Boolean).join('; ')}`);
      }
    }
    if (problems.size > 0) {
      const posted = new Map(changes.filter(({ user }) => problems.has(user.id)).map(({ user, posted }) => [user.id, posted]));
      const view = await this.page.view(actor, GRID, { posted, problems }, await this.page.grid(actor));
      await renderPage(reply, HttpStatus.BAD_REQUEST, 'admin-qualifications.hbs', view);
      return;
    }
    void reply.redirect(`${GRID}?saved=${encodeURIComponent(which)}`, HttpStatus.SEE_OTHER);
  }
}
