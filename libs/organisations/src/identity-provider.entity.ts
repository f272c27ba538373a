import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An organisation's own OpenID Connect issuer, trusted to sign in its employees. */
@Entity({ name: 'identity_providers' })
export class IdentityProviderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text', unique: true })
  issuer!: string;

  @Column({ name: 'jwks_uri', type: 'text' })
  jwksUri!: string;

  @Column({ type: 'text' })
  audience!: string;

  @Column({ name: 'username_claim', type: 'text', default: 'preferred_username' })
  usernameClaim!: string;

  /** The OIDC client id of the web app at this provider; null: not offered on the sign-in page. */
  @Column({ name: 'client_id', type: 'text', nullable: true })
  clientId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
