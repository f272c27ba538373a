import { Injectable } from '@nestjs/common';
import type { ExecutionReport } from '../execution-report.service';
import { renderYearReportPdf } from './year-report-pdf';

/** Renders the year report of an already authorised ExecutionReport (the resolver asks ExecutionReportService first). */
@Injectable()
export class YearReportPdfService {
  render(report: ExecutionReport, year: number): Promise<Buffer> {
    return renderYearReportPdf(report, year);
  }
}
