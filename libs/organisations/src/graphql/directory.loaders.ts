import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EmployeesService } from '../employees.service';
import { OrganisationsService } from '../organisations.service';
import { EmployeeType, OrganisationType } from './organisation.types';

export interface DirectoryLoaderSet {
  organisation: DataLoader<string, OrganisationType | null>;
  employee: DataLoader<string, EmployeeType | null>;
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): Array<T | null> {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

/**
 * Per-request DataLoaders for the directory (organisations, employees), so nested fields of a
 * list cost one query per kind, not one per row. Keyed on the request object: nothing outlives it.
 */
@Injectable()
export class DirectoryLoaders {
  private readonly perRequest = new WeakMap<object, DirectoryLoaderSet>();

  constructor(
    private readonly organisations: OrganisationsService,
    private readonly employees: EmployeesService,
  ) {}

  for(request: object): DirectoryLoaderSet {
    let set = this.perRequest.get(request);
    if (!set) {
      set = {
        organisation: new DataLoader(async (ids) => byId(ids, await this.organisations.findByIds(ids)).map((o) => (o ? OrganisationType.from(o) : null))),
        employee: new DataLoader(async (ids) => byId(ids, await this.employees.findByIds(ids)).map((e) => (e ? EmployeeType.from(e) : null))),
      };
      this.perRequest.set(request, set);
    }
    return set;
  }
}
