import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, hasAnyRole, isUuid, type IssuedToken, queryReturning, requireExistingId, LocalTokenService, type RequestContext, type Scope, SCOPES } from '@schakel/platform';
import { DataSource } from 'typeorm';
import { DUMMY_HASH, hashSecret, newSecret, verifySecret } from './secret-hash';

export interface MachineClientRecord {
  id: string;
  organisationId: string;
  clientId: string;
  name: string;
  scopes: Scope[];
  active: boolean;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = `m.id, m.organisation_id AS "organisationId", m.client_id AS "clientId", m.name, m.scopes, m.active,
  m.created_at AS "createdAt", m.rotated_at AS "rotatedAt", m.revoked_at AS "revokedAt"`;

export type TokenRequestError = { error: 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type'; description: string };


export function slugForClient(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'client';
}

/**
 * Machine clients of an organisation: created, rotated and revoked by its BEHEERDER; secrets are
 * shown once and stored only as a slow hash. The token endpoint trades id + secret for a
 * short-lived bearer token with the granted scopes.
 */
@Injectable()
export class MachineClientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: LocalTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(context: RequestContext, input: { name: string; scopes: string[] }): Promise<{ client: MachineClientRecord; secret: string }> {
    this.requireAdministrator(context);
    const scopes = this.validScopes(input.scopes);
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200) throw AppError.badInput({ nl: 'Geef de client een naam (1–200 tekens).', en: 'Give the client a name (1–200 characters).' }, { field: 'name' });
    const secret = newSecret();
    const secretHash = await hashSecret(secret);
    const base = slugForClient(name);
    for (let attempt = 0; attempt < 20; attempt++) {
      const clientId = attempt === 0 ? base : `${base}-${attempt + 1}`;
      const rows: MachineClientRecord[] = await this.dataSource.query(
        `INSERT INTO machine_clients AS m (organisation_id, client_id, name, secret_hash, scopes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (client_id) DO NOTHING RETURNING ${COLUMNS}`,
        [context.actor.organisationId, clientId, name, secretHash, scopes, context.actor.employeeId],
      );
      if (rows[0]) return { client: rows[0], secret };
    }
    throw AppError.conflict({ nl: 'Kies een andere naam voor de client.', en: 'Choose another name for the client.' }, { field: 'name' });
  }

  async rotate(context: RequestContext, id: string): Promise<{ client: MachineClientRecord; secret: string }> {
    this.requireAdministrator(context);
    const secret = newSecret();
    const [client] = await queryReturning<MachineClientRecord>(
      this.dataSource,
      `UPDATE machine_clients m SET secret_hash = $3, rotated_at = now() WHERE m.id = $1 AND m.organisation_id = $2 AND m.active RETURNING ${COLUMNS}`,
      [requireExistingId(id, { nl: 'Deze client', en: 'This client' }), context.actor.organisationId, await hashSecret(secret)],
    );
    if (!client) throw AppError.notFound({ nl: 'Deze (actieve) client', en: 'This (active) client' });
    return { client, secret };
  }

  async revoke(context: RequestContext, id: string): Promise<MachineClientRecord> {
    this.requireAdministrator(context);
    const [client] = await queryReturning<MachineClientRecord>(
      this.dataSource,
      `UPDATE machine_clients m SET active = false, revoked_at = COALESCE(revoked_at, now()) WHERE m.id = $1 AND m.organisation_id = $2 RETURNING ${COLUMNS}`,
      [requireExistingId(id, { nl: 'Deze client', en: 'This client' }), context.actor.organisationId],
    );
    if (!client) throw AppError.notFound({ nl: 'Deze client', en: 'This client' });
    return client;
  }

  async list(context: RequestContext): Promise<MachineClientRecord[]> {
    this.requireAdministrator(context);
    return this.dataSource.query(`SELECT ${COLUMNS} FROM machine_clients m WHERE m.organisation_id = $1 ORDER BY m.created_at`, [context.actor.organisationId]);
  }

  /** An active client of an active organisation, by its internal id (the token's subject). */
  async findActive(id: string): Promise<MachineClientRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const rows: MachineClientRecord[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM machine_clients m JOIN organisations o ON o.id = m.organisation_id WHERE m.id = $1 AND m.active AND o.active`,
      [id],
    );
    return rows[0];
  }

  /**
   * The active client (of an active organisation) with this id and secret, or undefined. An
   * unknown, revoked or inactive client costs the same scrypt as a known one (a dummy hash with
   * the same parameters), so neither time nor CPU tells them apart.
   */
  async authenticate(clientId: string, secret: string): Promise<MachineClientRecord | undefined> {
    const rows: Array<MachineClientRecord & { secretHash: string }> = await this.dataSource.query(
      `SELECT ${COLUMNS}, m.secret_hash AS "secretHash" FROM machine_clients m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.client_id = $1 AND m.active AND o.active`,
      [clientId],
    );
    const row = rows[0];
    const valid = await verifySecret(secret, row?.secretHash ?? DUMMY_HASH);
    if (!row || !valid) return undefined;
    const { secretHash: _secretHash, ...client } = row;
    return client;
  }

  /** A token for an authenticated client, for the requested scopes (all granted ones by default). */
  async tokenFor(client: MachineClientRecord, requestedScope: string | undefined): Promise<IssuedToken & { scope: string } | TokenRequestError> {
    const requested = requestedScope?.trim() ? requestedScope.trim().split(/\s+/) : client.scopes;
    if (requested.some((s) => !client.scopes.includes(s as Scope))) {
      return { error: 'invalid_scope', description: `Requested scope exceeds the granted scopes (${client.scopes.join(' ')}).` };
    }
    const scope = [...new Set(requested)].join(' ');
    const token = await this.tokens.issue(client.id, { typ: 'machine', scope, org: client.organisationId }, this.config.MACHINE_TOKEN_TTL_SECONDS);
    return { ...token, scope };
  }

  private validScopes(scopes: string[]): Scope[] {
    const unique = [...new Set(scopes)];
    if (unique.length === 0 || unique.some((s) => !(SCOPES as readonly string[]).includes(s))) {
      throw AppError.badInput({ nl: `Kies scopes uit: ${SCOPES.join(', ')}.`, en: `Choose scopes from: ${SCOPES.join(', ')}.` }, { field: 'scopes' });
    }
    return unique as Scope[];
  }


  private requireAdministrator(context: RequestContext): void {
    if (context.actor.kind !== 'employee' || !hasAnyRole(context.actor, ['BEHEERDER'])) {
      throw AppError.forbidden({ nl: 'Alleen een beheerder (persoon) beheert machineclients.', en: 'Only an administrator (a person with BEHEERDER) manages machine clients.' });
    }
  }
}
