import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@schakel/platform';
import DataLoader from 'dataloader';
import type { BottleneckRecord, HandoffRecord, ReferralRecord, TimelineEventRecord } from '../store/records';
import { CaseReader, type CitizenView } from '../referrals/case-reader.service';

export interface CaseLoaderSet {
  referral: DataLoader<string, ReferralRecord | null>;
  handoffs: DataLoader<string, HandoffRecord[]>;
  timeline: DataLoader<string, TimelineEventRecord[]>;
  bottlenecks: DataLoader<string, BottleneckRecord[]>;
  citizen: DataLoader<string, CitizenView | null>;
}

/** Per-request DataLoaders over the case tables, keyed on the request object. */
@Injectable()
export class CaseLoaders {
  private readonly perRequest = new WeakMap<object, CaseLoaderSet>();

  constructor(private readonly reader: CaseReader) {}

  for(request: object, context: RequestContext): CaseLoaderSet {
    let set = this.perRequest.get(request);
    if (!set) {
      set = {
        referral: new DataLoader((ids) => this.reader.referrals(context, ids)),
        handoffs: new DataLoader((ids) => this.reader.handoffs(context, ids)),
        timeline: new DataLoader((ids) => this.reader.timeline(context, ids)),
        bottlenecks: new DataLoader((ids) => this.reader.bottlenecks(context, ids)),
        citizen: new DataLoader((ids) => this.reader.citizens(context, ids)),
      };
      this.perRequest.set(request, set);
    }
    return set;
  }
}
