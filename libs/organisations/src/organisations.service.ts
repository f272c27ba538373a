import { Injectable } from '@nestjs/common';
import { AppError } from '@schakel/platform';
import { DataSource, type Repository } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import type { OrganisationKind } from './organisation-kind';

/** The directory of organisations. It is public within Schakel: anyone signed in may read it. */
@Injectable()
export class OrganisationsService {
  private readonly organisations: Repository<OrganisationEntity>;

  constructor(dataSource: DataSource) {
    this.organisations = dataSource.getRepository(OrganisationEntity);
  }

  list(filter: { kind?: OrganisationKind; activeOnly?: boolean } = {}): Promise<OrganisationEntity[]> {
    return this.organisations.find({
      where: { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.activeOnly ? { active: true } : {}) },
      order: { name: 'ASC' },
    });
  }

  async get(id: string): Promise<OrganisationEntity> {
    const found = await this.organisations.findOneBy({ id });
    if (!found) throw AppError.notFound({ nl: 'Organisatie', en: 'Organisation' });
    return found;
  }

  /** For many ids at once (DataLoader batches); unknown ids are simply absent. */
  findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.organisations.createQueryBuilder('o').where('o.id = ANY(:ids)', { ids: [...ids] }).getMany();
  }
}
