import { SCOPES } from '@schakel/platform';
import { DEMO_CLIENT_SCOPES, demoClientSecret } from './demo-data';

describe('demo machine clients', () => {
  it('get every scope there is', () => {
    expect([...DEMO_CLIENT_SCOPES].sort()).toEqual([...SCOPES].sort());
  });

  it('use dev-secret-<client_id> outside production, the configured secret if any, and none in production without one', () => {
    expect(demoClientSecret('uwv-system', undefined, false)).toBe('dev-secret-uwv-system');
    expect(demoClientSecret('uwv-system', 'configured-secret-1234', true)).toBe('configured-secret-1234');
    expect(demoClientSecret('uwv-system', undefined, true)).toBeNull();
  });
});
