import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { ActionListsModule } from '../action-lists.module';
import { ActionListPdfResolver } from './action-list-pdf.resolver';
import { ActionListPdfService } from './action-list-pdf.service';

/** The printable PDF of an action-list version (api only). */
@Module({
  imports: [ActionListsModule, OrganisationsModule],
  providers: [ActionListPdfService, ActionListPdfResolver],
})
export class ActionListPdfModule {}
