import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { DataSource } from 'typeorm';
import { allActiveDoors } from '../store/doors.store';
import { toHsds } from './hsds-export';

/**
 * Builds the public HSDS document. No tenant: the doors' read policy is open to every
 * organisation and the export holds only what is public anyway (see toHsds).
 */
@Injectable()
export class HsdsExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  async document(now = new Date()): Promise<Record<string, unknown>> {
    const doors = await allActiveDoors(this.dataSource);
    const organisations = await this.organisations.findByIds([...new Set(doors.map((d) => d.organisationId))]);
    return toHsds(doors, organisations.filter((o) => o.active).map((o) => ({ id: o.id, name: o.name, oin: o.oin })), now);
  }
}
