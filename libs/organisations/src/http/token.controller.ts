import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { AppError, Public, RateLimitService } from '@schakel/platform';
import type { Response } from 'express';
import { MachineClientsService } from '../machine-clients/machine-clients.service';

interface TokenRequest {
  grant_type?: unknown;
  client_id?: unknown;
  client_secret?: unknown;
  scope?: unknown;
}

const STATUS: Record<string, number> = { invalid_client: 401, invalid_request: 400, invalid_scope: 400, unsupported_grant_type: 400 };

/**
 * OAuth2 client credentials (RFC 6749 §4.4) for partner systems: form or JSON body, or HTTP Basic
 * client authentication. Answers in the OAuth2 shapes, errors included, with no-store caching.
 */
@Controller('auth')
export class TokenController {
  constructor(
    private readonly clients: MachineClientsService,
    private readonly rateLimits: RateLimitService,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  async token(@Body() body: TokenRequest | undefined, @Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<unknown> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
    const [basicId, basicSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
    const clientId = typeof body?.client_id === 'string' ? body.client_id : basicId;
    const secret = typeof body?.client_secret === 'string' ? body.client_secret : basicSecret;

    const fail = (error: keyof typeof STATUS, description: string) => {
      res.status(STATUS[error]);
      if (error === 'invalid_client') res.setHeader('WWW-Authenticate', 'Basic realm="schakel"');
      return { error, error_description: description };
    };
    if (body?.grant_type !== 'client_credentials') return fail('unsupported_grant_type', 'Use grant_type=client_credentials.');
    if (!clientId || !secret) return fail('invalid_request', 'Send client_id and client_secret (in the body or with HTTP Basic).');
    if (body.scope !== undefined && typeof body.scope !== 'string') return fail('invalid_request', 'scope is a space-separated string.');

    try {
      await this.rateLimits.consume('token', clientId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'RATE_LIMITED') {
        res.setHeader('Retry-After', String(error.details.retryAfterSeconds));
        res.status(429);
        return { error: 'slow_down', error_description: error.text.en };
      }
      throw error;
    }
    const result = await this.clients.issueToken(clientId, secret, body.scope as string | undefined);
    if ('error' in result) return fail(result.error, result.description);
    return result;
  }
}
