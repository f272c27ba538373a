import { Controller, Get, Header, Req } from '@nestjs/common';
import { Public, RateLimitService } from '@schakel/platform';
import type { Request } from 'express';
import { HsdsExportService } from './hsds-export.service';

/**
 * GET /sociale-kaart/hsds: the sociale kaart as Open Referral HSDS 3.0 JSON. Public open data
 * (no token), without the professionals' direct lines; errors are problem details and every
 * answer carries API-Version (the API's global filter and headers). With no caller to count,
 * requests are limited per source address (OPEN_DATA_RATE_LIMIT_PER_MINUTE), over it 429.
 */
@Controller('sociale-kaart')
export class HsdsController {
  constructor(
    private readonly hsds: HsdsExportService,
    private readonly rateLimits: RateLimitService,
  ) {}

  @Public()
  @Get('hsds')
  @Header('Content-Type', 'application/json; charset=utf-8')
  async document(@Req() req: Request): Promise<Record<string, unknown>> {
    // req.ip: the socket's address, or X-Forwarded-For's as far as TRUST_PROXY_HOPS allows.
    await this.rateLimits.consume('open-data', req.ip ?? req.socket.remoteAddress ?? 'unknown');
    return this.hsds.document();
  }
}
