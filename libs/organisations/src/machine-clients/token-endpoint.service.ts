import { Injectable } from '@nestjs/common';
import { AppError } from '@schakel/platform';
import { MachineClientsService } from './machine-clients.service';
import { TokenLimitsService } from './token-limits.service';
import { isTokenRequestRefusal, parseTokenRequest } from './token-request';

/** What POST /auth/token answers: an OAuth2 token or error body, its status and extra headers. */
export interface TokenEndpointAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

type OAuthError = 'invalid_client' | 'invalid_request' | 'invalid_scope' | 'unsupported_grant_type' | 'slow_down';

const STATUS: Record<OAuthError, number> = { invalid_client: 401, invalid_request: 400, invalid_scope: 400, unsupported_grant_type: 400, slow_down: 429 };

function oauthError(error: OAuthError, description: string, headers: Record<string, string> = {}): TokenEndpointAnswer {
  if (error === 'invalid_client') headers = { ...headers, 'WWW-Authenticate': 'Basic realm="schakel"' };
  return { status: STATUS[error], body: { error, error_description: description }, headers };
}

/** RATE_LIMITED → 429 slow_down with Retry-After; anything else is not ours to answer. */
async function limited(check: () => Promise<void>): Promise<TokenEndpointAnswer | undefined> {
  try {
    await check();
    return undefined;
  } catch (error) {
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      return oauthError('slow_down', error.text.en, { 'Retry-After': String(error.details.retryAfterSeconds) });
    }
    throw error;
  }
}

/**
 * OAuth2 client credentials (RFC 6749 §4.4) with the endpoint's limits (see TokenLimitsService):
 * the input is checked first (a refusal names the field, never the value), then the source
 * address, the back-off of this client_id + address, the overall allowance, the secret, and, for
 * a correct secret, the client's own allowance of issued tokens.
 */
@Injectable()
export class TokenEndpointService {
  constructor(
    private readonly clients: MachineClientsService,
    private readonly limits: TokenLimitsService,
  ) {}

  async answer(request: { body: unknown; authorization: string | undefined; address: string }): Promise<TokenEndpointAnswer> {
    const { address } = request;
    const perAddress = await limited(() => this.limits.perAddress(address));
    if (perAddress) return perAddress;

    const input = parseTokenRequest(request.body, request.authorization);
    if (isTokenRequestRefusal(input)) return oauthError(input.error, input.description);

    const refused = (await limited(() => this.limits.notBackingOff(input.clientId, address))) ?? (await limited(() => this.limits.overall()));
    if (refused) return refused;

    const client = await this.clients.authenticate(input.clientId, input.secret);
    if (!client) {
      await this.limits.failed(input.clientId, address);
      return oauthError('invalid_client', 'Unknown client, wrong secret, or the client was revoked.');
    }
    const perClient = await limited(() => this.limits.succeeded(input.clientId, address));
    if (perClient) return perClient;

    const token = await this.clients.tokenFor(client, input.scope);
    if ('error' in token) return oauthError(token.error, token.description);
    return { status: 200, body: { ...token }, headers: {} };
  }
}
