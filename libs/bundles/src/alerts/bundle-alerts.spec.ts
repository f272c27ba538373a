import { alertNotification } from './bundle-alerts.service';
import type { PendingAlert } from '../store/records';

const alert: PendingAlert = {
  id: '9a0e4a52-6a0b-4bd3-9d43-6f1f2f7c1a01',
  bundleId: 'c3d2e1f0-1111-4222-8333-944455556666',
  kind: 'RETURNED',
  handoffId: '0b7a4f1e-2222-4333-8444-955566667777',
  referralId: '1c8b5a2f-3333-4444-8555-a66677778888',
  coordinatingOrganisationId: '2d9c6b3a-4444-4555-8666-b77788889999',
  topic: 'WERK',
  organisationId: '3eac7c4b-5555-4666-8777-c8889999aaaa',
  regieSeesMember: true,
  regieInReferral: false,
};

describe('alertNotification (what the regie organisation is told)', () => {
  it('names the organisation and the kind when the regie may see the member, and links only a referral it takes part in', () => {
    const n = alertNotification(alert, 'UWV');
    expect(n).toMatchObject({ type: 'BUNDLE_PART_RETURNED', message: 'Een onderdeel van bundel C3D2E1F0 is teruggestuurd door UWV.', referralId: null, handoffId: null });
    expect(alertNotification({ ...alert, regieInReferral: true }, 'UWV')).toMatchObject({ referralId: alert.referralId, handoffId: alert.handoffId });
    expect(alertNotification({ ...alert, kind: 'STALLED' }, 'UWV')).toMatchObject({ type: 'BUNDLE_PART_STALLED', message: expect.stringMatching(/loopt vast bij UWV/) });
  });

  it('reveals nothing of a member the regie may not see: no kind, organisation, topic or link', () => {
    for (const kind of ['RETURNED', 'STALLED'] as const) {
      const n = alertNotification({ ...alert, kind, regieSeesMember: false, regieInReferral: true }, 'UWV');
      expect(n).toEqual({ type: 'BUNDLE_ATTENTION', message: 'Een onderdeel van bundel C3D2E1F0 vraagt aandacht.', referralId: null, handoffId: null, dedupeKey: `bundle-alert.${alert.id}` });
    }
  });

  it('is deduplicated per alert, so a pass that crashed before marking it tells no one twice', () => {
    expect(alertNotification(alert, 'UWV').dedupeKey).toBe(alertNotification({ ...alert, kind: 'RETURNED' }, 'Ander').dedupeKey);
  });
});
