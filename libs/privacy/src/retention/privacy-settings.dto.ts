import { IsInt, Max, Min, ValidateIf } from 'class-validator';

export class PrivacySettingsDto {
  /** Days after a candidate's last loop closed when they are anonymized; null: never (the default). */
  candidateRetentionDays: number | null;
}

export class UpdatePrivacySettingsDto {
  /** 30..3650 days, or null to turn retention off. @example 365 */
  @ValidateIf((_object: object, value: unknown) => value !== null)
  @IsInt()
  @Min(30)
  @Max(3650)
  candidateRetentionDays: number | null;
}
