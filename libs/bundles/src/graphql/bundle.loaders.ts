import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@schakel/platform';
import DataLoader from 'dataloader';
import { BundlesService } from '../bundles.service';

/**
 * Per-request DataLoader for Referral.bundleId, keyed on the request object (as the case loaders
 * are): a page of referrals asks for their bundles in one statement, not one per referral.
 */
@Injectable()
export class BundleLoaders {
  private readonly perRequest = new WeakMap<object, DataLoader<string, string | null>>();

  constructor(private readonly bundles: BundlesService) {}

  bundleIdOfReferral(request: object, context: RequestContext): DataLoader<string, string | null> {
    let loader = this.perRequest.get(request);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly string[]) => {
        const found = await this.bundles.bundleIdsOfReferrals(context.actor, ids);
        return ids.map((id) => found.get(id) ?? null);
      });
      this.perRequest.set(request, loader);
    }
    return loader;
  }
}
