import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { BundlesModule } from './bundles.module';
import { BundleLoaders } from './graphql/bundle.loaders';
import { BundlePartsResolver, BundlesResolver, ReferralBundleResolver } from './graphql/bundles.resolver';

/** The GraphQL edge of this lib (api only); also Referral.bundleId. */
@Module({ imports: [BundlesModule, OrganisationsModule], providers: [BundlesResolver, BundlePartsResolver, ReferralBundleResolver, BundleLoaders] })
export class BundlesApiModule {}
