import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { BsnCrypto } from './citizens/bsn-crypto.service';
import { HandoffsService } from './handoffs/handoffs.service';
import { SubjectAccessService } from './inzage/subject-access.service';
import { CaseReader } from './referrals/case-reader.service';
import { ReferralsService } from './referrals/referrals.service';

/** Citizens, referrals and handoffs: the rules. Shared by the API and the worker. */
@Module({
  imports: [OrganisationsModule],
  providers: [BsnCrypto, ReferralsService, HandoffsService, CaseReader, SubjectAccessService],
  exports: [BsnCrypto, ReferralsService, HandoffsService, CaseReader, SubjectAccessService],
})
export class ReferralsModule {}
