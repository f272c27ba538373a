import { Module } from '@nestjs/common';
import { ActionListsModule } from '@schakel/action-lists';
import { OrganisationsModule } from '@schakel/organisations';
import { BottleneckReportService } from './bottleneck-report.service';
import { ExecutionReportService } from './execution-report.service';
import { ProposalsService } from './proposals.service';
import { ReportRefresher } from './refresh/report-refresher';
import { ReportScopes } from './scope.service';
import { LearningStoriesService } from './stories.service';

/** Reports, leerverhalen, the agenda and the aggregate refresh: the rules, shared by api and worker. */
@Module({
  imports: [OrganisationsModule, ActionListsModule],
  providers: [ReportScopes, ProposalsService, ExecutionReportService, BottleneckReportService, LearningStoriesService, ReportRefresher],
  exports: [ExecutionReportService, BottleneckReportService, LearningStoriesService, ProposalsService, ReportRefresher],
})
export class ReportingModule {}
