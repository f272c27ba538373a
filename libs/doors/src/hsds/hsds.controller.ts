import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@schakel/platform';
import { HsdsExportService } from './hsds-export.service';

/**
 * GET /sociale-kaart/hsds: the sociale kaart as Open Referral HSDS 3.0 JSON. Public open data
 * (no token), without the professionals' direct lines; errors are problem details and every
 * answer carries API-Version (the API's global filter and headers).
 */
@Controller('sociale-kaart')
export class HsdsController {
  constructor(private readonly hsds: HsdsExportService) {}

  @Public()
  @Get('hsds')
  @Header('Content-Type', 'application/json; charset=utf-8')
  document(): Promise<Record<string, unknown>> {
    return this.hsds.document();
  }
}
