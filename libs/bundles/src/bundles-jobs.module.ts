import { Module } from '@nestjs/common';
import { BundlesModule } from './bundles.module';

/** The worker side of this lib. */
@Module({ imports: [BundlesModule] })
export class BundlesJobsModule {}
