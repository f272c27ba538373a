import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import servicesSetup from '../setup/global-setup';

const ROOT = join(__dirname, '..', '..');

/**
 * The replica suites run the built apps (dist/, as in production and as the Playwright stack
 * does): the run's template database as for every service suite, then `npm run build`, unless
 * SCHAKEL_SKIP_BUILD=1 says dist/ is current.
 */
export default async function globalSetup(): Promise<void> {
  await servicesSetup();
  if (process.env.SCHAKEL_SKIP_BUILD === '1') return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.signal ?? `exit ${result.status}`}).`);
}
