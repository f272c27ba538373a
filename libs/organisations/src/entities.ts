import { EmployeeEntity } from './employee.entity';
import { IdentityProviderEntity } from './identity-provider.entity';
import { OrganisationEntity } from './organisation.entity';

export const ORGANISATION_ENTITIES = [OrganisationEntity, EmployeeEntity, IdentityProviderEntity];
