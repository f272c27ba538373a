import { Module } from '@nestjs/common';

/** Household bundles (multiproblematiek): several handoffs for one household at once, consent per member and organisation, one organisation with regie: the rules, shared by the API and the worker. */
@Module({})
export class BundlesModule {}
