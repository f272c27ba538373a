import { Module } from '@nestjs/common';
import { BundlesModule } from './bundles.module';

/** The GraphQL (and HTTP) edge of this lib (api only). */
@Module({ imports: [BundlesModule] })
export class BundlesApiModule {}
