import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { Public } from '@schakel/platform';
import type { Request, Response } from 'express';
import { TokenEndpointService } from '../machine-clients/token-endpoint.service';

/**
 * OAuth2 client credentials (RFC 6749 §4.4) for partner systems: form or JSON body, or HTTP Basic
 * client authentication. Answers in the OAuth2 shapes, errors included, with no-store caching.
 * The rules and limits are in TokenEndpointService.
 */
@Controller('auth')
export class TokenController {
  constructor(private readonly endpoint: TokenEndpointService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  async token(@Body() body: unknown, @Headers('authorization') authorization: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    // req.ip: the socket's address, or X-Forwarded-For's as far as TRUST_PROXY_HOPS allows.
    const answer = await this.endpoint.answer({ body, authorization, address: req.ip ?? req.socket.remoteAddress ?? 'unknown' });
    res.status(answer.status);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    return answer.body;
  }
}
