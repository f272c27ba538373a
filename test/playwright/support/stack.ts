import type { StackInfo } from '../../../scripts/lib/stack-info';

export type { StackInfo };

/** The environment variables global-setup.ts sets, which the test workers inherit. */
export const STACK_ENV: Record<keyof StackInfo, string> = {
  webUrl: 'SCHAKEL_WEB_URL',
  apiUrl: 'SCHAKEL_API_URL',
  ownerUrl: 'SCHAKEL_OWNER_URL',
  appUrl: 'SCHAKEL_APP_URL',
  redisUrl: 'SCHAKEL_REDIS_URL',
  redisPrefix: 'SCHAKEL_REDIS_PREFIX',
};

/** Read in a test worker; fails clearly when the suite was not started through the config. */
export function stack(): StackInfo {
  const entries = Object.entries(STACK_ENV).map(([key, variable]) => {
    const value = process.env[variable];
    if (!value) throw new Error(`${variable} ontbreekt: start de browsertests met npm run test:browser.`);
    return [key, value];
  });
  return Object.fromEntries(entries) as StackInfo;
}
