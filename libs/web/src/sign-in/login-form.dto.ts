import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The login form as posted (urlencoded). Only shapes are checked here: an email that is no email gets the same
 * "wrong email or password" as any other, from the same service the API's login uses.
 */
export class LoginFormDto {
  @IsString()
  @MaxLength(320)
  email: string;

  @IsString()
  @MaxLength(200)
  password: string;

  /** Where to go after signing in: only a path of this site is followed. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  next?: string;
}
