import { Organisations1764331260000 } from './1764331260000-organisations';
import { MachineClients1764352800000 } from './1764352800000-machine-clients';
import { IdentityProviderClientId1764360000000 } from './1764360000000-identity-provider-client-id';
import { PlatformOperatorRole1764374400000 } from './1764374400000-platform-operator-role';

/** Migrations of the tables this lib owns (organisations, employees, identity providers, machine clients), oldest first. */
export const ORGANISATIONS_MIGRATIONS = [Organisations1764331260000, MachineClients1764352800000, IdentityProviderClientId1764360000000, PlatformOperatorRole1764374400000];
