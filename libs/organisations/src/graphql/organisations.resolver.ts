import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_SCOPE, type Actor, AppError, type EmployeeRole, Ctx, CurrentActor, PEOPLE_ONLY, type RequestContext, RequiresScope, SafeText } from '@schakel/platform';
import { ArrayMinSize, IsArray, IsString } from 'class-validator';
import { Field, InputType } from '@nestjs/graphql';
import { EmployeesService } from '../employees.service';
import { MachineClientsService } from '../machine-clients/machine-clients.service';
import type { OrganisationKind } from '../organisation-kind';
import { OrganisationsService } from '../organisations.service';
import { CreatedMachineClientType, EmployeeRoleEnum, EmployeeType, MachineClientType, MeType, OrganisationKindEnum, OrganisationType } from './organisation.types';

@InputType('CreateMachineClientInput')
export class CreateMachineClientInput {
  @Field({ description: 'Bijv. "UWV Suite"; de client_id wordt hiervan afgeleid.' })
  @SafeText({ max: 200, required: true })
  name!: string;

  @Field(() => [String], { description: 'handoffs:read, handoffs:write, action-lists:read, action-lists:sign, webhooks:manage' })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @SafeText({ max: 64, required: true }, { each: true })
  scopes!: string[];
}

@Resolver()
export class OrganisationsResolver {
  constructor(
    private readonly organisationsService: OrganisationsService,
    private readonly employees: EmployeesService,
    private readonly clientsService: MachineClientsService,
  ) {}

  @RequiresScope(ANY_SCOPE)
  @Query(() => MeType, { description: 'Wie ben ik, en namens welke organisatie?' })
  async me(@CurrentActor() actor: Actor): Promise<MeType> {
    const [organisation] = await this.organisationsService.findByIds([actor.organisationId]);
    if (!organisation) throw AppError.unauthenticated();
    if (actor.kind === 'machine') {
      const client = await this.clientsService.findActive(actor.clientId);
      if (!client) throw AppError.unauthenticated();
      return Object.assign(new MeType(), { employee: null, machineClient: MachineClientType.from(client), scopes: [...actor.scopes], organisation: OrganisationType.from(organisation) });
    }
    const employee = await this.employees.findActiveById(actor.employeeId, actor.organisationId);
    if (!employee) throw AppError.unauthenticated();
    return Object.assign(new MeType(), { employee: EmployeeType.from(employee), machineClient: null, scopes: [], organisation: OrganisationType.from(organisation) });
  }

  @RequiresScope(ANY_SCOPE)
  @Query(() => [OrganisationType], { description: 'Alle organisaties in Schakel, op naam; optioneel van één soort.' })
  async organisations(
    @CurrentActor() _actor: Actor,
    @Args('kind', { type: () => OrganisationKindEnum, nullable: true }) kind?: OrganisationKind,
  ): Promise<OrganisationType[]> {
    const found = await this.organisationsService.list({ kind });
    return found.map(OrganisationType.from);
  }

  @RequiresScope(ANY_SCOPE)
  @Query(() => [EmployeeType], {
    description: 'Actieve collega\'s in uw eigen organisatie, op gebruikersnaam; optioneel met één rol (bijv. om toe te wijzen).',
  })
  async colleagues(
    @CurrentActor() actor: Actor,
    @Args('role', { type: () => EmployeeRoleEnum, nullable: true }) role?: EmployeeRole,
  ): Promise<EmployeeType[]> {
    return (await this.employees.activeInOrganisation(actor.organisationId, role)).map(EmployeeType.from);
  }

  @RequiresScope(PEOPLE_ONLY)
  @Query(() => [MachineClientType], { description: 'De machineclients van uw organisatie (beheerder).' })
  async machineClients(@Ctx() ctx: RequestContext): Promise<MachineClientType[]> {
    return (await this.clientsService.list(ctx)).map(MachineClientType.from);
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => CreatedMachineClientType, { description: 'Maak een machineclient; het geheim ziet u alleen nu.' })
  async createMachineClient(@Ctx() ctx: RequestContext, @Args('input') input: CreateMachineClientInput): Promise<CreatedMachineClientType> {
    const { client, secret } = await this.clientsService.create(ctx, input);
    return { client: MachineClientType.from(client), clientSecret: secret };
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => CreatedMachineClientType, { description: 'Nieuw geheim; het oude werkt meteen niet meer.' })
  async rotateMachineClientSecret(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<CreatedMachineClientType> {
    const { client, secret } = await this.clientsService.rotate(ctx, id);
    return { client: MachineClientType.from(client), clientSecret: secret };
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => MachineClientType, { description: 'Trek een client in: zijn tokens werken direct niet meer.' })
  async revokeMachineClient(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<MachineClientType> {
    return MachineClientType.from(await this.clientsService.revoke(ctx, id));
  }
}
