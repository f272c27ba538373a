import { Module } from '@nestjs/common';
import { ActorResolver, AuthModule } from '@schakel/platform';
import { EmployeeActorResolver } from './employee-actor.resolver';
import { EmployeesService } from './employees.service';
import { OrganisationsService } from './organisations.service';

/** Organisations, employees and sign-in; shared by the API and the worker. */
@Module({
  imports: [AuthModule],
  providers: [OrganisationsService, EmployeesService, { provide: ActorResolver, useClass: EmployeeActorResolver }],
  exports: [OrganisationsService, EmployeesService, ActorResolver],
})
export class OrganisationsModule {}
