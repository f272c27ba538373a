import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { BsnCrypto } from './citizens/bsn-crypto.service';
import { HandoffsService } from './handoffs/handoffs.service';
import { CaseReader } from './referrals/case-reader.service';
import { ReferralsService } from './referrals/referrals.service';

/** Citizens, referrals and handoffs: the rules. Shared by the API and the worker. */
@Module({
  imports: [OrganisationsModule],
  providers: [BsnCrypto, ReferralsService, HandoffsService, CaseReader],
  exports: [BsnCrypto, ReferralsService, HandoffsService, CaseReader],
})
export class ReferralsModule {}
