import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ORGANISATION_KINDS, type OrganisationKind } from './organisation-kind';

@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: ORGANISATION_KINDS, enumName: 'organisation_kind' })
  kind!: OrganisationKind;

  @Column({ type: 'char', length: 20, unique: true })
  oin!: string;

  @Column({ type: 'char', length: 4, nullable: true })
  gemeentecode!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Days after closing before its referrals are anonymised; null: the platform default (ADR 0011). */
  @Column({ name: 'retention_days', type: 'int', nullable: true })
  retentionDays!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
