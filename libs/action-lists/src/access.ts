import { AppError, type Actor, hasAnyRole } from '@schakel/platform';

/**
 * Who may do what (docs/signing.md): SECRETARIS and BELEID of the owner organisation draft, open
 * and amend (beleid prepares the agreements, the secretaris signs); only a SECRETARIS, or a
 * partner system with action-lists:sign, registers keys and signs for its organisation.
 */
export function assertMayDraft(actor: Actor): void {
  if (actor.kind !== 'employee' || !hasAnyRole(actor, ['SECRETARIS', 'BELEID'])) {
    throw AppError.forbidden({
      nl: 'Alleen een secretaris of beleidsmedewerker stelt actielijsten op.',
      en: 'Only a secretary or policy officer drafts action lists.',
    });
  }
}

export function maySign(actor: Actor): boolean {
  return actor.kind === 'employee' ? hasAnyRole(actor, ['SECRETARIS']) : actor.scopes.includes('action-lists:sign');
}

export function assertMaySign(actor: Actor): void {
  if (!maySign(actor)) {
    throw AppError.forbidden({
      nl: 'Alleen de secretaris van een partij (of haar systeem met action-lists:sign) ondertekent.',
      en: "Only a party's secretary (or its system with action-lists:sign) signs.",
    });
  }
}

export function assertMayUpdateItems(actor: Actor): void {
  if (actor.kind === 'machine' ? !actor.scopes.includes('action-lists:sign') : !hasAnyRole(actor, ['SECRETARIS', 'BELEID', 'COORDINATOR'])) {
    throw AppError.forbidden({
      nl: 'Alleen een secretaris, beleidsmedewerker of coördinator van de eigenaar werkt de status van een actie bij.',
      en: "Only a secretary, policy officer or coordinator of the item's owner updates its status.",
    });
  }
}

export const LIST_NOT_FOUND = { nl: 'Deze actielijst', en: 'This action list' };
export const VERSION_NOT_FOUND = { nl: 'Deze versie van de actielijst', en: 'This action list version' };
