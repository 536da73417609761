import { IsString, MaxLength, ValidateIf } from 'class-validator';

export class OrganizationNotificationsDto {
  /**
   * The Slack incoming-webhook URL of the channel digest, masked (`https://hooks.slack.com/…wXyZ`): the full URL is a
   * secret and is never answered. null: no channel digest.
   */
  slackWebhookUrl: string | null;

  slackConfigured: boolean;

  updatedAt: Date | null;
}

export class UpdateOrganizationNotificationsDto {
  /**
   * An incoming-webhook URL (`https://hooks.slack.com/services/…`; any `https://` URL, or `http://` to 127.0.0.1 or
   * localhost for a local receiver); null turns the channel digest off.
   */
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  slackWebhookUrl: string | null;
}
