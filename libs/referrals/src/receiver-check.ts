import { AppError } from '@schakel/platform';
import type { OrganisationsService } from '@schakel/organisations';
import type { ConsentDetails } from './commands';

/**
 * The rules for naming a receiver, shared by createReferral and forwardHandoff: an existing,
 * active organisation other than your own, covered by the citizen's consent.
 */
export async function checkReceiverAndConsent(
  organisations: OrganisationsService,
  senderOrganisationId: string,
  toOrganisationId: string,
  consent: ConsentDetails | null | undefined,
): Promise<{ name: string }> {
  if (toOrganisationId === senderOrganisationId) {
    throw AppError.badInput({
      nl: 'U kunt niet naar uw eigen organisatie overdragen; kies de organisatie die de inwoner verder moet helpen.',
      en: 'You cannot hand off to your own organisation; choose the organisation that must help the citizen.',
    }, { field: 'toOrganisationId' });
  }
  const [receiver] = await organisations.findByIds([toOrganisationId]);
  if (!receiver) {
    throw AppError.badInput({ nl: 'De ontvangende organisatie bestaat niet.', en: 'The receiving organisation does not exist.' }, { field: 'toOrganisationId' });
  }
  if (!receiver.active) {
    throw AppError.badInput({
      nl: `${receiver.name} is niet actief in Schakel en kan niets ontvangen.`,
      en: `${receiver.name} is not active in Schakel and cannot receive handoffs.`,
    }, { field: 'toOrganisationId' });
  }
  if (!consent || consent.given !== true) {
    throw AppError.badInput({
      nl: `Toestemming van de inwoner ontbreekt: leg vast dat de inwoner instemt met delen met ${receiver.name} (consent.given = true).`,
      en: `The citizen's consent is missing: record that the citizen agrees to sharing with ${receiver.name} (consent.given = true).`,
    }, { field: 'consent.given' });
  }
  if (consent.organisationId && consent.organisationId !== toOrganisationId) {
    throw AppError.badInput({
      nl: `De toestemming geldt niet voor ${receiver.name}; vraag toestemming voor deze ontvanger.`,
      en: `The consent does not cover ${receiver.name}; ask consent for this receiver.`,
    }, { field: 'consent.organisationId' });
  }
  return { name: receiver.name };
}
