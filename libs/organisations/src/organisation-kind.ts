export const ORGANISATION_KINDS = ['GEMEENTE', 'UWV', 'SVB', 'BELASTINGDIENST', 'OTHER'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
