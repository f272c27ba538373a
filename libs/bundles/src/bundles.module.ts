import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { ReferralsModule } from '@schakel/referrals';
import { BundlesService } from './bundles.service';

/** Household bundles (multiproblematiek): several handoffs for one household at once, consent per member and organisation, one organisation with regie: the rules, shared by the API and the worker. */
@Module({
  imports: [OrganisationsModule, ReferralsModule],
  providers: [BundlesService],
  exports: [BundlesService],
})
export class BundlesModule {}
