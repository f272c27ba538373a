import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, AppError, CurrentActor } from '@schakel/platform';
import { EmployeesService } from '../employees.service';
import type { OrganisationKind } from '../organisation-kind';
import { OrganisationsService } from '../organisations.service';
import { MeType, OrganisationKindEnum, OrganisationType, EmployeeType } from './organisation.types';

@Resolver()
export class OrganisationsResolver {
  constructor(
    private readonly organisationsService: OrganisationsService,
    private readonly employees: EmployeesService,
  ) {}

  @Query(() => MeType, { description: 'Wie ben ik, en namens welke organisatie?' })
  async me(@CurrentActor() actor: Actor): Promise<MeType> {
    const employee = await this.employees.findActiveById(actor.employeeId, actor.organisationId);
    if (!employee?.organisation) throw AppError.unauthenticated();
    return Object.assign(new MeType(), {
      employee: EmployeeType.from(employee),
      organisation: OrganisationType.from(employee.organisation),
    });
  }

  @Query(() => [OrganisationType], { description: 'Alle organisaties in Schakel, op naam; optioneel van één soort.' })
  async organisations(
    @CurrentActor() _actor: Actor,
    @Args('kind', { type: () => OrganisationKindEnum, nullable: true }) kind?: OrganisationKind,
  ): Promise<OrganisationType[]> {
    const found = await this.organisationsService.list({ kind });
    return found.map(OrganisationType.from);
  }
}
