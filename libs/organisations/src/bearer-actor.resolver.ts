import { Injectable } from '@nestjs/common';
import { type Actor, ActorResolver, AppError, EMPLOYEE_ROLES, type EmployeeRole, isUuid, LocalTokenService, RemoteJwksVerifier, rolesForScopes, type Scope } from '@schakel/platform';
import { decodeJwt, errors as joseErrors, type JWTPayload } from 'jose';
import { DataSource, type Repository } from 'typeorm';
import type { EmployeeEntity } from './employee.entity';
import { EmployeesService } from './employees.service';
import { IdentityProviderEntity } from './identity-provider.entity';
import { MachineClientsService } from './machine-clients/machine-clients.service';


const EXPIRED = {
  nl: 'Het toegangstoken is verlopen; vraag een nieuw token aan.',
  en: 'The access token has expired; request a new one.',
};
const INVALID = {
  nl: 'Het toegangstoken is ongeldig of komt niet van een vertrouwde uitgever.',
  en: 'The access token is invalid or not from a trusted issuer.',
};
const NO_EMPLOYEE = {
  nl: 'Het token hoort niet bij een actieve medewerker van een actieve organisatie.',
  en: 'The token does not belong to an active employee of an active organisation.',
};

/** What an actor needs of an employee row. */
type ActorEmployee = Pick<EmployeeEntity, 'id' | 'username' | 'organisationId' | 'roles'>;

/**
 * The employee behind one of Schakel's own tokens, if active in an active organisation. It runs on
 * every request (a deactivated employee is refused at once), so it is one indexed statement
 * without the ORM: the query builder with its join and entity mapping cost about four times the
 * CPU (docs/performance.md, "Request path").
 */
const ACTIVE_EMPLOYEE_BY_ID = `SELECT e.id, e.username, e.organisation_id AS "organisationId", e.roles::text[] AS roles
  FROM employees e JOIN organisations o ON o.id = e.organisation_id
  WHERE e.id = $1 AND e.active AND o.active`;

const KNOWN_ROLES: ReadonlySet<string> = new Set(EMPLOYEE_ROLES);

function parseEmployeeRow(row: unknown): ActorEmployee | null {
  if (typeof row !== 'object' || row === null) return null;
  const { id, username, organisationId, roles } = row as Record<string, unknown>;
  if (typeof id !== 'string' || typeof username !== 'string' || typeof organisationId !== 'string' || !Array.isArray(roles)) return null;
  return { id, username, organisationId, roles: roles.filter((r): r is EmployeeRole => typeof r === 'string' && KNOWN_ROLES.has(r)) };
}

const NO_CLIENT = {
  nl: 'Het token hoort niet bij een actieve machineclient; de client is mogelijk ingetrokken.',
  en: 'The token does not belong to an active machine client; the client may have been revoked.',
};

/**
 * Maps a bearer token to the caller. Schakel's own tokens carry an employee id, or (typ
 * "machine") a machine client id with scopes; an organisation's own OIDC issuer is trusted only
 * for that organisation's employees, matched by the configured claim (preferred_username).
 * A revoked client or deactivated employee is refused at once, whatever the token's lifetime:
 * only the signature check is remembered (VerificationCache), the caller is looked up every time.
 */
@Injectable()
export class BearerActorResolver extends ActorResolver {
  private readonly providers: Repository<IdentityProviderEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly employees: EmployeesService,
    private readonly localTokens: LocalTokenService,
    private readonly remoteVerifier: RemoteJwksVerifier,
    private readonly machineClients: MachineClientsService,
  ) {
    super();
    this.providers = dataSource.getRepository(IdentityProviderEntity);
  }

  async resolve(bearerToken: string): Promise<Actor> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(bearerToken);
    } catch {
      throw AppError.unauthenticated(INVALID);
    }
    if (unverified.iss === this.localTokens.issuer) {
      const payload = await this.verified(() => this.localTokens.verify(bearerToken));
      if (!payload.sub || !isUuid(payload.sub)) throw AppError.unauthenticated(INVALID);
      if (payload.typ === 'machine') return this.machineActor(payload);
      return this.employeeActor(await this.activeEmployee(payload.sub), payload.exp);
    }
    const verified = await this.fromOrganisationIssuer(bearerToken, unverified.iss);
    return this.employeeActor(verified.employee, verified.exp);
  }

  private async activeEmployee(id: string): Promise<ActorEmployee | null> {
    const rows: unknown[] = await this.dataSource.query(ACTIVE_EMPLOYEE_BY_ID, [id]);
    return parseEmployeeRow(rows[0]);
  }

  private employeeActor(employee: ActorEmployee | null, exp: number | undefined): Actor {
    if (!employee) throw AppError.unauthenticated(NO_EMPLOYEE);
    return {
      kind: 'employee',
      employeeId: employee.id,
      username: employee.username,
      organisationId: employee.organisationId,
      roles: employee.roles,
      tokenExpiresAt: exp,
    };
  }

  private async machineActor(payload: JWTPayload): Promise<Actor> {
    const client = await this.machineClients.findActive(String(payload.sub));
    if (!client) throw AppError.unauthenticated(NO_CLIENT);
    // The token's scopes, as far as the client still holds them (a client's scopes may shrink).
    const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    const scopes = client.scopes.filter((s) => granted.includes(s)) as Scope[];
    return {
      kind: 'machine',
      employeeId: null,
      clientId: client.id,
      clientName: client.clientId,
      organisationId: client.organisationId,
      scopes,
      roles: rolesForScopes(scopes),
      tokenExpiresAt: payload.exp,
    };
  }

  private async fromOrganisationIssuer(token: string, issuer: string | undefined): Promise<{ employee: EmployeeEntity | null; exp?: number }> {
    if (!issuer) throw AppError.unauthenticated(INVALID);
    const provider = await this.providers.findOneBy({ issuer, active: true });
    if (!provider) throw AppError.unauthenticated(INVALID);
    const payload = await this.verified(() =>
      this.remoteVerifier.verify(token, { issuer: provider.issuer, jwksUri: provider.jwksUri, audience: provider.audience }),
    );
    const username = payload[provider.usernameClaim];
    if (typeof username !== 'string' || username.length === 0) throw AppError.unauthenticated(INVALID);
    const employee = await this.employees.findActiveByUsername(username);
    // An issuer vouches only for its own organisation's people.
    return { employee: employee && employee.organisationId === provider.organisationId ? employee : null, exp: payload.exp };
  }

  private async verified(verify: () => Promise<JWTPayload>): Promise<JWTPayload> {
    try {
      return await verify();
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw AppError.unauthenticated(EXPIRED);
      if (error instanceof joseErrors.JOSEError) throw AppError.unauthenticated(INVALID);
      throw error;
    }
  }
}
