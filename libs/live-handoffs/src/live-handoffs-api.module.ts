import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { LiveHandoffsResolver } from './graphql/live-handoffs.resolver';
import { LivePubSubCloser, livePubSubProvider } from './graphql/live-pub-sub';
import { LiveHandoffsModule } from './live-handoffs.module';
import { LiveViews } from './live-views';

/** The GraphQL edge of this lib (api only): queries, mutations and the two live subscriptions. */
@Module({
  imports: [LiveHandoffsModule, OrganisationsModule],
  providers: [livePubSubProvider, LivePubSubCloser, LiveViews, LiveHandoffsResolver],
})
export class LiveHandoffsApiModule {}
