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

  /** Ready for traffic: PostgreSQL and Redis answer. 503 with the failing checks otherwise. */
  @Public()
  @Get('ready')
  async ready(): Promise<ReadinessReport> {
    const report = await this.health.readiness();
    if (report.status !== 'ok') throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
