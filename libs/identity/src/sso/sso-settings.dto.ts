import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsFQDN, IsIn, IsObject, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Nullable, Optional, trimmed } from '@loopwright/core';
import { ROLES, type Role } from '../roles.js';

const lowercased = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim().toLowerCase() : item)) : value;

/** `PUT /api/organization/sso`: the organization's OpenID Connect provider. */
export class UpdateSsoSettingsDto {
  /** The provider's issuer URL (its discovery document is at `<issuer>/.well-known/openid-configuration`). */
  @Transform(trimmed)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] })
  @MaxLength(500)
  issuer: string;

  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientId: string;

  /** Stored encrypted and never returned; may be left out to keep the stored one (required the first time). */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  clientSecret?: string;

  /** Email domains whose people sign in through this provider; a domain belongs to one organization at most (409). */
  @Transform(lowercased)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsFQDN({}, { each: true })
  allowedDomains: string[];

  /** The ID token claim whose values map to roles (a string or an array of strings, e.g. `groups`); null: no mapping. */
  @Nullable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  roleClaim?: string | null;

  /** Claim value → roles, e.g. `{"hiring-admins": ["admin"], "engineers": ["interviewer"]}`. */
  @Optional()
  @IsObject()
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string', enum: [...ROLES] } } })
  roleMapping?: Record<string, Role[]>;

  /** Roles everyone who signs in gets besides the mapped ones; with no role at all, sign-in is refused. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  defaultRoles?: Role[];

  /** Refuse password sign-in for the organization's users, except the break-glass admins. */
  @IsBoolean()
  required: boolean;

  /** Active admins who keep password sign-in while SSO is required (for when the provider is down). */
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  breakGlassUserIds?: string[];
}

/** The organization's single sign-on settings, the client secret left out. */
export class SsoSettingsDto {
  issuer: string;
  clientId: string;
  /** Always true once set: the secret itself is never returned. */
  clientSecretSet: boolean;
  allowedDomains: string[];
  roleClaim: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string', enum: [...ROLES] } } })
  roleMapping: Record<string, Role[]>;
  @ApiProperty({ enum: ROLES, isArray: true })
  defaultRoles: Role[];
  required: boolean;
  breakGlassUserIds: string[];
  /** Where the provider sends people back: register it as the client's redirect URI. */
  redirectUri: string;
  updatedAt: Date;
}

/** `POST /api/users/:id/sso-link`: until when the user's next single sign-on with their email may link their account. */
export class SsoLinkApprovalDto {
  userId: string;
  expiresAt: Date;
}
