import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { HealthService, Public, type ReadinessReport } from '@schakel/platform';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The process is up and serving HTTP. */
  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Ready for traffic when PostgreSQL answers (503 otherwise). Redis is reported but optional:
   * without it the API still serves requests; follow-ups wait in the outbox.
   */
  @Public()
  @Get('ready')
  async ready(): Promise<ReadinessReport> {
    const report = await this.health.readiness({}, ['redis']);
    if (report.status !== 'ok') throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
