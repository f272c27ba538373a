import { createDataSource, explainStartupFailure, loadConfigOrExit } from '@schakel/platform';
import { BsnCrypto, countRowsToRotate, rotateCitizenKeys } from '@schakel/referrals';

/**
 * `npm run keys:rotate [-- --batch-size=500] [-- --check]`: rewrites every citizen row to the
 * current BSN_ENCRYPTION_KEY and BSN_HMAC_KEY, reading old rows with BSN_ENCRYPTION_KEYS_PREVIOUS
 * and BSN_HMAC_KEYS_PREVIOUS (docs/runbook.md, Key management). Batches of one transaction each;
 * resumable and idempotent; the api and worker keep running. `--check` only counts what is left.
 * Prints progress, never a BSN, hash or key.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const args = process.argv.slice(2);
  const sizeArg = args.find((a) => a.startsWith('--batch-size='));
  const batchSize = sizeArg ? Number(sizeArg.split('=')[1]) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    console.error('Ongeldige --batch-size: geef een geheel getal tussen 1 en 10000.');
    process.exit(2);
  }
  const crypto = new BsnCrypto(config);
  const owner = await createDataSource({ url: config.DATABASE_OWNER_URL, entities: [], poolSize: 2 }).initialize();
  try {
    const pending = await countRowsToRotate(owner, crypto);
    console.log(`Huidige sleutels: versleuteling ${crypto.encryptionKeyId}, HMAC ${crypto.hmacKeyId}. Nog om te zetten: ${pending} inwoner(s).`);
    if (args.includes('--check')) {
      process.exitCode = pending === 0 ? 0 : 3;
      return;
    }
    const result = await rotateCitizenKeys(owner, crypto, {
      batchSize,
      onProgress: (p) => console.log(`Omgezet: ${p.rewritten} van ${p.pending}${p.unreadable ? `, onleesbaar: ${p.unreadable}` : ''}`),
    });
    const left = await countRowsToRotate(owner, crypto);
    console.log(`Klaar: ${result.rewritten} omgezet, ${left} over${result.unreadable ? `, ${result.unreadable} niet te ontsleutelen met de ingestelde sleutels` : ''}.`);
    if (result.unreadable > 0) process.exitCode = 1;
  } finally {
    await owner.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(explainStartupFailure(error));
  process.exit(1);
});
