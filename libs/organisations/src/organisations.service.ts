import { Injectable } from '@nestjs/common';
import { AppError } from '@schakel/platform';
import { DataSource, type Repository } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import type { OrganisationKind } from './organisation-kind';

/** How long a looked-up organisation is reused: a few seconds of staleness for far fewer queries. */
const DIRECTORY_TTL_MS = 10_000;

/** The directory of organisations. It is public within Schakel: anyone signed in may read it. */
@Injectable()
export class OrganisationsService {
  private readonly organisations: Repository<OrganisationEntity>;
  private readonly recent = new Map<string, { at: number; organisation: OrganisationEntity }>();

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

  /**
   * For many ids at once (DataLoader batches, receiver checks); unknown ids are simply absent.
   * Served from a short-lived cache: the directory is small and changes rarely.
   */
  async findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    const now = Date.now();
    const missing = ids.filter((id) => (this.recent.get(id)?.at ?? 0) < now - DIRECTORY_TTL_MS);
    if (missing.length > 0) {
      const fresh = await this.organisations.createQueryBuilder('o').where('o.id = ANY(:ids)', { ids: [...new Set(missing)] }).getMany();
      for (const organisation of fresh) this.recent.set(organisation.id, { at: now, organisation });
      if (this.recent.size > 10_000) this.recent.clear();
    }
    return ids.flatMap((id) => {
      const hit = this.recent.get(id);
      return hit ? [hit.organisation] : [];
    });
  }
}
