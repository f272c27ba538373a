import { useQuery } from '@apollo/client/react';
import { Paragraph } from '@utrecht/component-library-react';
import { ReferralBundleDocument } from '../api/generated';
import { AppLink } from '../ui/AppLink';

/** On a referral page: a link to its bundle, when the referral is a part of one the caller may see. */
export function BundleLink({ referralId }: { referralId: string }) {
  const { data } = useQuery(ReferralBundleDocument, { variables: { id: referralId } });
  const bundleId = data?.referral.bundleId;
  if (!bundleId) return null;
  return (
    <Paragraph>
      <AppLink to={`/bundels/${bundleId}`}>Onderdeel van bundel</AppLink>
    </Paragraph>
  );
}
