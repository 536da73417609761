import { Injectable } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import * as oidc from 'openid-client';

export interface ProviderClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The code flow with PKCE (S256), state and nonce, through `openid-client`; plain http:// only with OIDC_ALLOW_INSECURE_ISSUERS. */
@Injectable()
export class OidcRelyingParty {
  constructor(private readonly config: AppConfig) {}

  get redirectUri(): string {
    return `${this.config.publicUrl}/auth/oidc/callback`;
  }

  private discover(client: ProviderClient): Promise<oidc.Configuration> {
    const insecure = this.config.oidcAllowInsecureIssuers ? { execute: [oidc.allowInsecureRequests] } : {};
    return oidc.discovery(new URL(client.issuer), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), { ...insecure, timeout: 10 });
  }

  /** The provider's authorization URL, and the state, nonce and PKCE verifier the callback must check. */
  async start(client: ProviderClient, loginHint: string): Promise<{ url: URL; state: string; nonce: string; codeVerifier: string }> {
    const configuration = await this.discover(client);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      login_hint: loginHint,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code and validates the ID token (signature, issuer, audience, expiry, nonce); answers its claims. */
  async finish(client: ProviderClient, callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<oidc.IDToken> {
    const configuration = await this.discover(client);
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('No ID token');
    return claims;
  }
}
