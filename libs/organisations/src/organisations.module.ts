import { Module } from '@nestjs/common';
import { ActorResolver, AuthModule } from '@schakel/platform';
import { EmployeeActorResolver } from './employee-actor.resolver';
import { EmployeesService } from './employees.service';
import { DirectoryLoaders } from './graphql/directory.loaders';
import { OrganisationsService } from './organisations.service';

/** Organisations, employees and sign-in; shared by the API and the worker. */
@Module({
  imports: [AuthModule],
  providers: [OrganisationsService, EmployeesService, DirectoryLoaders, { provide: ActorResolver, useClass: EmployeeActorResolver }],
  exports: [OrganisationsService, EmployeesService, DirectoryLoaders, ActorResolver],
})
export class OrganisationsModule {}
