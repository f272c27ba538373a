import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { ActionListsService } from './action-lists.service';
import { SigningService } from './signing.service';
import { PlatformSigningKey } from './transparency/platform-key';
import { TransparencyLog } from './transparency/transparency-log.service';

/** Action lists, signing and the transparency log: the rules, shared by the API and the worker. */
@Module({
  imports: [OrganisationsModule],
  providers: [ActionListsService, SigningService, TransparencyLog, PlatformSigningKey],
  exports: [ActionListsService, SigningService, TransparencyLog, PlatformSigningKey],
})
export class ActionListsModule {}
