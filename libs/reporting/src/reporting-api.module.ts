import { Module } from '@nestjs/common';
import { ReportingResolver } from './graphql/reporting.resolver';
import { YearReportPdfService } from './pdf/year-report-pdf.service';
import { ReportingModule } from './reporting.module';

/** The GraphQL edge of the reports (api only). */
@Module({
  imports: [ReportingModule],
  providers: [ReportingResolver, YearReportPdfService],
})
export class ReportingApiModule {}
