import { Module } from '@nestjs/common';
import { FollowUpsModule } from '@schakel/follow-ups';
import { OrganisationsModule } from '@schakel/organisations';
import { BundleAlerts } from './alerts/bundle-alerts.service';
import { BundlesModule } from './bundles.module';

/** The worker side of this lib: the sweep that tells the regie organisation about returned and stalled parts. */
@Module({ imports: [BundlesModule, OrganisationsModule, FollowUpsModule], providers: [BundleAlerts], exports: [BundleAlerts] })
export class BundlesJobsModule {}
