import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DEFAULT_NORM_URGENCY, describeNorm, type ResponseNormView } from '../norms/response-norm-view';
import { ResponseNormProvider } from '../norms/response-norms';

export interface NormKey {
  organisationId: string;
  topic: string | null;
  urgency: string | null;
}

/**
 * Per-request DataLoader for Organisation.responseNorm: a list of organisations costs one
 * look-up, not one per organisation. Keyed on the request object, so nothing outlives it.
 */
@Injectable()
export class NormLoaders {
  private readonly perRequest = new WeakMap<object, DataLoader<NormKey, ResponseNormView, string>>();

  constructor(private readonly norms: ResponseNormProvider) {}

  for(request: object): DataLoader<NormKey, ResponseNormView, string> {
    let loader = this.perRequest.get(request);
    if (!loader) {
      loader = new DataLoader<NormKey, ResponseNormView, string>(
        async (keys) => {
          const norms = await this.norms.normsFor(
            keys.map((k) => ({ receiverOrganisationId: k.organisationId, topic: k.topic, urgency: k.urgency ?? DEFAULT_NORM_URGENCY })),
          );
          return norms.map(describeNorm);
        },
        { cacheKeyFn: (k) => `${k.organisationId}|${k.topic ?? ''}|${k.urgency ?? DEFAULT_NORM_URGENCY}` },
      );
      this.perRequest.set(request, loader);
    }
    return loader;
  }
}
