// The public surface of the organisations lib: the directory and who may act, as other libs,
// the apps and the end-to-end suites use them. Entities, sign-in internals and validators stay inside.
export { ORGANISATION_KINDS, type OrganisationKind } from './organisation-kind';
export type { OrganisationEntity } from './organisation.entity';
export type { EmployeeEntity } from './employee.entity';
export { ORGANISATION_ENTITIES } from './entities';
export { OrganisationsService } from './organisations.service';
export { EmployeesService } from './employees.service';
export { OrganisationsModule } from './organisations.module';
export { OrganisationsApiModule } from './organisations-api.module';
export { OrganisationType, EmployeeType, EmployeeRoleEnum, OrganisationKindEnum } from './graphql/organisation.types';
export { DirectoryLoaders, type DirectoryLoaderSet } from './graphql/directory.loaders';
export { DEMO_ORGANISATIONS, DEMO_ROLES, DEMO_PERSONAS, DEMO_MACHINE_CLIENTS, DEMO_CLIENT_SCOPES, demoUsername, demoClientSecret, type DemoOrganisation } from './seed/demo-data';
export { seedDemoData, seedDemoMachineClients, seedDemoPersonas } from './seed/seed-demo-data';
