/** Where a browser-test stack (scripts/e2e-stack.ts) listens; written as JSON for the tests. */
export interface StackInfo {
  webUrl: string;
  apiUrl: string;
  ownerUrl: string;
  appUrl: string;
  redisUrl: string;
  redisPrefix: string;
}
