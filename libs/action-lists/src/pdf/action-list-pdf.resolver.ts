import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, RequiresScope } from '@schakel/platform';
import { ActionListPdfService } from './action-list-pdf.service';

@Resolver()
export class ActionListPdfResolver {
  constructor(private readonly pdf: ActionListPdfService) {}

  @RequiresScope('action-lists:read')
  @Query(() => String, { description: 'De actielijst als toegankelijke PDF (PDF/UA, getagd), base64. Alleen voor partijen.' })
  async actionListPdf(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string): Promise<string> {
    return (await this.pdf.pdf(ctx, versionId)).toString('base64');
  }
}
