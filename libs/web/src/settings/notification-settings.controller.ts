import { Body, Controller, Get, HttpStatus, Post, Query, Render, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { BrowserSession, CurrentActor, type Actor } from '@loopwright/identity';
import { NOTIFICATION_KINDS, NotificationPreferences, UpdateNotificationPreferencesDto } from '@loopwright/notifications';
import type { FastifyReply } from 'fastify';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { NOTIFICATION_SETTINGS, NotificationSettingsPage, type NotificationSettingsView } from './notification-settings.page.js';

/** The person's own notification settings, as `GET/PUT /api/me/notification-preferences`: for everyone signed in. */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller('app/settings/notifications')
export class NotificationSettingsController {
  constructor(
    private readonly page: NotificationSettingsPage,
    private readonly preferences: NotificationPreferences,
  ) {}

  @Get()
  @Render('settings-notifications.hbs')
  settings(@CurrentActor() actor: Actor, @Query('notice') notice: unknown): Promise<NotificationSettingsView> {
    return this.page.view(actor, notice === 'saved' ? 'Your notification settings were saved.' : null);
  }

  /** A ticked box sends its kind; the optional kinds not sent are turned off. */
  @Post()
  async save(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const preferences = NOTIFICATION_KINDS.filter((kind) => kind.optional).map((kind) => ({ kind: kind.kind, enabled: fields.has(kind.kind) }));
    await this.preferences.update(actor, await validatedInput(UpdateNotificationPreferencesDto, { preferences }));
    void reply.redirect(`${NOTIFICATION_SETTINGS}?notice=saved`, HttpStatus.SEE_OTHER);
  }
}
