import { type Actor, AppError, hasAnyRole } from '@schakel/platform';
import { CASE_ROLES } from './handoffs/handoff-state-machine';

/** Policy, reporting and administration roles work with aggregates, never with individual cases. */
export function requireCaseRole(actor: Actor): void {
  if (!hasAnyRole(actor, CASE_ROLES)) {
    throw AppError.forbidden({
      nl: 'Uw rol geeft geen toegang tot individuele dossiers (nodig: BALIE, BEHANDELAAR of COORDINATOR).',
      en: 'Your role gives no access to individual cases (needed: BALIE, BEHANDELAAR or COORDINATOR).',
    });
  }
}

export const REFERRAL_NOT_FOUND = { nl: 'Deze verwijzing', en: 'This referral' };
export const HANDOFF_NOT_FOUND = { nl: 'Deze overdracht', en: 'This handoff' };
