import { Injectable } from '@nestjs/common';
import { AppError, type EmployeeRole } from '@schakel/platform';
import { DataSource, type Repository } from 'typeorm';
import { EmployeeEntity } from './employee.entity';

@Injectable()
export class EmployeesService {
  private readonly employees: Repository<EmployeeEntity>;

  constructor(dataSource: DataSource) {
    this.employees = dataSource.getRepository(EmployeeEntity);
  }

  /** An employee who may sign in: active, in an active organisation. */
  findActiveByUsername(username: string): Promise<EmployeeEntity | null> {
    return this.employees
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.organisation', 'o')
      .where('e.username = :username', { username: username.trim().toLowerCase() })
      .andWhere('e.active AND o.active')
      .getOne();
  }

  findActiveById(id: string, organisationId?: string): Promise<EmployeeEntity | null> {
    const query = this.employees
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.organisation', 'o')
      .where('e.id = :id', { id })
      .andWhere('e.active AND o.active');
    if (organisationId) query.andWhere('e.organisation_id = :organisationId', { organisationId });
    return query.getOne();
  }

  /** For many ids at once (DataLoader batches). */
  findByIds(ids: readonly string[]): Promise<EmployeeEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.employees.createQueryBuilder('e').where('e.id = ANY(:ids)', { ids: [...ids] }).getMany();
  }

  /** Active employees of an organisation with the given role (e.g. its coordinators). */
  activeWithRole(organisationId: string, role: EmployeeRole): Promise<EmployeeEntity[]> {
    return this.employees
      .createQueryBuilder('e')
      .where('e.organisation_id = :organisationId', { organisationId })
      .andWhere('e.active AND :role = ANY(e.roles)', { role })
      .orderBy('e.username')
      .getMany();
  }

  /** Active employees of one organisation, optionally only those with a role. */
  activeInOrganisation(organisationId: string, role?: EmployeeRole): Promise<EmployeeEntity[]> {
    const query = this.employees
      .createQueryBuilder('e')
      .where('e.organisation_id = :organisationId', { organisationId })
      .andWhere('e.active');
    if (role) query.andWhere(':role = ANY(e.roles)', { role });
    return query.orderBy('e.username').getMany();
  }

  async getInOrganisation(id: string, organisationId: string): Promise<EmployeeEntity> {
    const found = await this.employees.findOneBy({ id, organisationId });
    if (!found) throw AppError.notFound({ nl: 'Medewerker', en: 'Employee' });
    return found;
  }
}
