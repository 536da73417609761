import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, forbidden, validationFailed } from '@loopwright/core';
import { AuditLog, type Actor } from '@loopwright/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { NOTIFICATION_KINDS, wantsReminderMail, type ReminderMailKind } from '../reminders/reminder-preferences.js';
import type { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from './notification-preferences.dto.js';

const SAVE_SQL = `
  INSERT INTO notification_preferences (organization_id, user_id, disabled_kinds, updated_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (user_id) DO UPDATE SET disabled_kinds = EXCLUDED.disabled_kinds, updated_at = EXCLUDED.updated_at`;

/** Each user's choice of optional mail (the daily digest); the reminders of one's own scorecards always go out. */
@Injectable()
export class NotificationPreferences {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor): Promise<NotificationPreferencesDto> {
    const userId = userOf(actor);
    return toDto(await this.disabledKinds(this.dataSource.manager, userId));
  }

  /** Changes the named kinds (the others stay), audited; turning off a kind that is not optional is a 400 naming it. */
  async update(actor: Actor, input: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    const userId = userOf(actor);
    const refused = input.preferences
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => !item.enabled && !NOTIFICATION_KINDS.find((kind) => kind.kind === item.kind)?.optional);
    if (refused.length > 0) {
      throw validationFailed(
        refused.map(({ item, index }) => ({ field: `preferences.${index}.enabled`, problems: [`${item.kind} cannot be turned off`] })),
        'The reminders of your own scorecards cannot be turned off',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`notification_preferences:${userId}`]);
      const before = await this.disabledKinds(manager, userId);
      const after = new Set(before);
      for (const item of input.preferences) {
        if (item.enabled) after.delete(item.kind);
        else after.add(item.kind);
      }
      const sorted = [...after].sort();
      if (sorted.join() !== [...before].sort().join()) {
        await manager.query(SAVE_SQL, [actor.organizationId, userId, sorted, this.clock.now()]);
        await this.audit.record(manager, actor, {
          action: 'notification_preferences.updated',
          entityType: 'user',
          entityId: userId,
          changes: { disabledKinds: { before: [...before].sort(), after: sorted } },
        });
      }
      return toDto(after);
    });
  }

  /** Of these users, the ones who turned this kind off: one statement (none for a kind that cannot be turned off). */
  async optedOut(manager: EntityManager, kind: ReminderMailKind, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0 || wantsReminderMail(kind, [kind])) return new Set();
    const rows = await manager.query<{ user_id: string }[]>(
      'SELECT user_id FROM notification_preferences WHERE user_id = ANY($1::uuid[]) AND $2 = ANY(disabled_kinds)',
      [[...new Set(userIds)], kind],
    );
    return new Set(rows.map((row) => row.user_id));
  }

  private async disabledKinds(manager: EntityManager, userId: string): Promise<Set<string>> {
    const [row] = await manager.query<{ disabled_kinds: string[] }[]>('SELECT disabled_kinds FROM notification_preferences WHERE user_id = $1', [userId]);
    return new Set(row?.disabled_kinds ?? []);
  }
}

function userOf(actor: Actor): string {
  if (!actor.userId) throw forbidden('Only a user has notification preferences');
  return actor.userId;
}

function toDto(disabled: ReadonlySet<string>): NotificationPreferencesDto {
  return {
    preferences: NOTIFICATION_KINDS.map((kind) => ({
      kind: kind.kind,
      enabled: wantsReminderMail(kind.kind, disabled),
      optional: kind.optional,
      description: kind.description,
    })),
  };
}
