import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EMPLOYEE_ROLES, type EmployeeRole } from '@schakel/platform';
import type { EmployeeEntity } from '../employee.entity';
import type { OrganisationEntity } from '../organisation.entity';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisation-kind';

/** GraphQL enums are built from the same constant lists the database enums use. */
const asEnum = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const OrganisationKindEnum = asEnum(ORGANISATION_KINDS);
registerEnumType(OrganisationKindEnum, {
  name: 'OrganisationKind',
  description: 'Soort organisatie: gemeente, zbo (UWV, SVB) of Belastingdienst.',
});

export const EmployeeRoleEnum = asEnum(EMPLOYEE_ROLES);
registerEnumType(EmployeeRoleEnum, { name: 'EmployeeRole', description: 'Rol van een medewerker.' });

@ObjectType('Organisation', { description: 'Een gemeente of uitvoeringsorganisatie in Schakel.' })
export class OrganisationType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => OrganisationKindEnum)
  kind!: OrganisationKind;

  @Field({ description: 'Organisatie-identificatienummer (20 cijfers).' })
  oin!: string;

  @Field(() => String, { nullable: true, description: 'CBS-gemeentecode (4 cijfers), alleen voor gemeenten.' })
  gemeentecode!: string | null;

  @Field()
  active!: boolean;

  static from(entity: OrganisationEntity): OrganisationType {
    return Object.assign(new OrganisationType(), {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      oin: entity.oin,
      gemeentecode: entity.gemeentecode,
      active: entity.active,
    });
  }
}

@ObjectType('Employee', { description: 'Een medewerker van een organisatie.' })
export class EmployeeType {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field({ description: 'Weergavenaam.' })
  name!: string;

  @Field(() => [EmployeeRoleEnum])
  roles!: EmployeeRole[];

  @Field()
  active!: boolean;

  static from(entity: EmployeeEntity): EmployeeType {
    return Object.assign(new EmployeeType(), {
      id: entity.id,
      username: entity.username,
      name: entity.displayName,
      roles: entity.roles,
      active: entity.active,
    });
  }
}

@ObjectType('Me', { description: 'De aangemelde medewerker en diens organisatie.' })
export class MeType {
  @Field(() => EmployeeType)
  employee!: EmployeeType;

  @Field(() => OrganisationType)
  organisation!: OrganisationType;
}
