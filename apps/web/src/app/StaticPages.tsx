import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../ui/AppLink';
import { usePageTitle } from '../ui/page';

export function NotFoundPage() {
  usePageTitle('Pagina niet gevonden');
  return (
    <>
      <Heading1>Deze pagina bestaat niet</Heading1>
      <Paragraph>
        Controleer het adres, of ga naar <AppLink to="/">het begin</AppLink>.
      </Paragraph>
    </>
  );
}

/** Secretarissen, beleid and beheer work with lists and reports, not with single cases. */
export function OtherRolePage() {
  usePageTitle('Niet voor uw rol');
  return (
    <>
      <Heading1>Dit scherm is niet voor uw rol</Heading1>
      <Paragraph>
        Doorverwijzingen zijn er voor balie, behandelaars en coördinatoren. Uw meldingen staan bij <AppLink to="/meldingen">Meldingen</AppLink>.
      </Paragraph>
    </>
  );
}
