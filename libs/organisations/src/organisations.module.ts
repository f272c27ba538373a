import { Module } from '@nestjs/common';
import { ActorResolver, AuthModule } from '@schakel/platform';
import { BearerActorResolver } from './bearer-actor.resolver';
import { MachineClientsService } from './machine-clients/machine-clients.service';
import { EmployeesService } from './employees.service';
import { DirectoryLoaders } from './graphql/directory.loaders';
import { OrganisationsService } from './organisations.service';

/** Organisations, employees and sign-in; shared by the API and the worker. */
@Module({
  imports: [AuthModule],
  providers: [OrganisationsService, EmployeesService, DirectoryLoaders, MachineClientsService, { provide: ActorResolver, useClass: BearerActorResolver }],
  exports: [OrganisationsService, EmployeesService, DirectoryLoaders, MachineClientsService, ActorResolver],
})
export class OrganisationsModule {}
