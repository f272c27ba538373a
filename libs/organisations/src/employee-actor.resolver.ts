import { Injectable } from '@nestjs/common';
import { type Actor, ActorResolver, AppError, LocalTokenService, RemoteJwksVerifier } from '@schakel/platform';
import { decodeJwt, errors as joseErrors, type JWTPayload } from 'jose';
import { DataSource, type Repository } from 'typeorm';
import type { EmployeeEntity } from './employee.entity';
import { EmployeesService } from './employees.service';
import { IdentityProviderEntity } from './identity-provider.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/**
 * Maps a bearer token to an employee. Schakel's own tokens carry the employee id as subject; an
 * organisation's own OIDC issuer is trusted only for that organisation's employees, matched by
 * the configured claim (preferred_username by default).
 */
@Injectable()
export class EmployeeActorResolver extends ActorResolver {
  private readonly providers: Repository<IdentityProviderEntity>;

  constructor(
    dataSource: DataSource,
    private readonly employees: EmployeesService,
    private readonly localTokens: LocalTokenService,
    private readonly remoteVerifier: RemoteJwksVerifier,
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
    const employee =
      unverified.iss === this.localTokens.issuer
        ? await this.fromLocalToken(bearerToken)
        : await this.fromOrganisationIssuer(bearerToken, unverified.iss);
    if (!employee) throw AppError.unauthenticated(NO_EMPLOYEE);
    return {
      kind: 'employee',
      employeeId: employee.id,
      username: employee.username,
      organisationId: employee.organisationId,
      roles: employee.roles,
    };
  }

  private async fromLocalToken(token: string): Promise<EmployeeEntity | null> {
    const payload = await this.verified(() => this.localTokens.verify(token));
    if (!payload.sub || !UUID.test(payload.sub)) throw AppError.unauthenticated(INVALID);
    return this.employees.findActiveById(payload.sub);
  }

  private async fromOrganisationIssuer(token: string, issuer: string | undefined): Promise<EmployeeEntity | null> {
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
    return employee && employee.organisationId === provider.organisationId ? employee : null;
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
