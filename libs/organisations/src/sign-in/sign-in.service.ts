import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, type EmployeeRole, type IssuedToken, LocalTokenService } from '@schakel/platform';
import { DataSource } from 'typeorm';
import { EmployeesService } from '../employees.service';

/** An organisation's identity provider as the web app's sign-in page offers it. No secrets. */
export interface SignInProvider {
  id: string;
  organisationId: string;
  organisationName: string;
  issuer: string;
  clientId: string;
}

export interface SignInConfiguration {
  /** The demo sign-in (pick a seeded employee): outside production only. */
  devSignIn: boolean;
  providers: SignInProvider[];
}

/** A seeded employee for the demo sign-in picker: who, not how to reach them. */
export interface DemoEmployee {
  username: string;
  name: string;
  roles: EmployeeRole[];
  organisationName: string;
}

/** Shortest lifetime of a development token: enough for a browser test to watch a session expire. */
export const MIN_DEV_TOKEN_SECONDS = 5;

const NO_ROUTE = { nl: 'Deze route', en: 'This route' };

/** Longest username the development issuer looks up. */
export const MAX_USERNAME_LENGTH = 320;
// NUL and other control characters (\p{Cc}), and a lone UTF-16 surrogate (not well-formed Unicode).
const NOT_ALLOWED_IN_USERNAME = /\p{Cc}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/**
 * What the web app needs to sign someone in: the identity providers it may send people to, and,
 * outside production only, the development issuer (a token for a seeded employee by username).
 * In production the development routes answer NOT_FOUND, as if they did not exist.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly employees: EmployeesService,
    private readonly tokens: LocalTokenService,
  ) {}

  get devSignIn(): boolean {
    return this.config.NODE_ENV !== 'production';
  }

  /** Active providers with a client id, of active organisations, by organisation name. */
  async configuration(): Promise<SignInConfiguration> {
    const providers: SignInProvider[] = await this.dataSource.query(
      `SELECT p.id, p.organisation_id AS "organisationId", o.name AS "organisationName", p.issuer, p.client_id AS "clientId"
         FROM identity_providers p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.active AND o.active AND p.client_id IS NOT NULL
        ORDER BY o.name, p.issuer`,
    );
    return { devSignIn: this.devSignIn, providers };
  }

  /** Active employees of active organisations, by organisation name, then username. */
  async demoEmployees(): Promise<DemoEmployee[]> {
    this.requireDevSignIn();
    return this.dataSource.query(
      `SELECT e.username, e.display_name AS name, e.roles::text[] AS roles, o.name AS "organisationName"
         FROM employees e JOIN organisations o ON o.id = e.organisation_id
        WHERE e.active AND o.active
        ORDER BY o.name, e.username`,
    );
  }

  /** A development token for an active employee; `expiresInSeconds` shortens its lifetime. */
  async devToken(body: unknown): Promise<IssuedToken> {
    this.requireDevSignIn();
    const { username, expiresInSeconds } = (typeof body === 'object' && body !== null ? body : {}) as { username?: unknown; expiresInSeconds?: unknown };
    if (typeof username !== 'string' || username.trim().length === 0) {
      throw AppError.badInput(
        { nl: 'Geef een gebruikersnaam mee: {"username":"balie@tilburg.demo"}.', en: 'Send a username: {"username":"balie@tilburg.demo"}.' },
        { field: 'username' },
      );
    }
    // The database refuses NUL and a string that is not well-formed Unicode; refuse them (and
    // control characters and overlong names) here, naming the field, never repeating the value.
    if (username.length > MAX_USERNAME_LENGTH || NOT_ALLOWED_IN_USERNAME.test(username)) {
      throw AppError.badInput(
        {
          nl: `username mag geen NUL- of besturingstekens bevatten, moet geldige Unicode zijn en hoogstens ${MAX_USERNAME_LENGTH} tekens lang.`,
          en: `username must hold no NUL or control characters, be well-formed Unicode and at most ${MAX_USERNAME_LENGTH} characters long.`,
        },
        { field: 'username' },
      );
    }
    const ttl = this.lifetime(expiresInSeconds);
    const employee = await this.employees.findActiveByUsername(username);
    if (!employee) {
      throw AppError.unauthenticated({ nl: 'Onbekende of niet-actieve medewerker.', en: 'Unknown or inactive employee.' });
    }
    return this.tokens.issue(employee.id, { org: employee.organisationId }, ttl);
  }

  private lifetime(expiresInSeconds: unknown): number {
    const max = this.config.AUTH_TOKEN_TTL_SECONDS;
    if (expiresInSeconds === undefined || expiresInSeconds === null) return max;
    if (typeof expiresInSeconds !== 'number' || !Number.isInteger(expiresInSeconds) || expiresInSeconds < MIN_DEV_TOKEN_SECONDS || expiresInSeconds > max) {
      throw AppError.badInput(
        {
          nl: `expiresInSeconds moet een geheel getal van ${MIN_DEV_TOKEN_SECONDS} tot en met ${max} zijn (seconden), of weggelaten worden.`,
          en: `expiresInSeconds must be a whole number from ${MIN_DEV_TOKEN_SECONDS} to ${max} (seconds), or left out.`,
        },
        { field: 'expiresInSeconds' },
      );
    }
    return expiresInSeconds;
  }

  private requireDevSignIn(): void {
    if (!this.devSignIn) throw AppError.notFound(NO_ROUTE);
  }
}
