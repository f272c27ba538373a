import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EMPLOYEE_ROLES, type EmployeeRole, enumFrom } from '@schakel/platform';
import type { EmployeeEntity } from '../employee.entity';
import type { MachineClientRecord } from '../machine-clients/machine-clients.service';
import type { OrganisationEntity } from '../organisation.entity';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisation-kind';

export const OrganisationKindEnum = enumFrom(ORGANISATION_KINDS);
registerEnumType(OrganisationKindEnum, {
  name: 'OrganisationKind',
  description: 'Soort organisatie: gemeente, zbo (UWV, SVB) of Belastingdienst.',
});

export const EmployeeRoleEnum = enumFrom(EMPLOYEE_ROLES);
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

@ObjectType('MachineClient', { description: 'Een systeem van een partner dat namens zijn organisatie handelt.' })
export class MachineClientType {
  @Field(() => ID) id!: string;
  @Field({ description: 'De client_id voor POST /auth/token.' }) clientId!: string;
  @Field() name!: string;
  @Field(() => [String]) scopes!: string[];
  @Field() active!: boolean;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) rotatedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;

  static from(c: MachineClientRecord): MachineClientType {
    return Object.assign(new MachineClientType(), {
      id: c.id,
      clientId: c.clientId,
      name: c.name,
      scopes: c.scopes,
      active: c.active,
      createdAt: c.createdAt,
      rotatedAt: c.rotatedAt,
      revokedAt: c.revokedAt,
    });
  }
}

@ObjectType('CreatedMachineClient')
export class CreatedMachineClientType {
  @Field(() => MachineClientType) client!: MachineClientType;
  @Field({ description: 'Het geheim: alleen nu zichtbaar, Schakel bewaart alleen een hash.' }) clientSecret!: string;
}

@ObjectType('Me', { description: 'Wie er aangemeld is (een medewerker of een machineclient) en voor welke organisatie.' })
export class MeType {
  @Field(() => EmployeeType, { nullable: true, description: 'Leeg wanneer een machineclient aangemeld is.' })
  employee!: EmployeeType | null;

  @Field(() => MachineClientType, { nullable: true, description: 'Leeg wanneer een medewerker aangemeld is.' })
  machineClient!: MachineClientType | null;

  @Field(() => [String], { description: 'De scopes van het token (leeg voor medewerkers: die werken met rollen).' })
  scopes!: string[];

  @Field(() => OrganisationType)
  organisation!: OrganisationType;
}
