// End to end for the offline verifier: a real bundle (Ed25519 and P-256 signers) written to disk,
// checked by `schakel-verify` exactly as `npx schakel-verify bundle.json` runs it (the shim in
// tools/schakel-verify/bin builds the one-file bundle when it is missing or stale, then runs it).
// It lives here because the unit project collects specs under libs/*/src.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSignedBundle } from './testing/evidence-fixture';
import type { EvidenceBundle } from './types';

const TOOL = resolve(__dirname, '../../../tools/schakel-verify');
const SHIM = join(TOOL, 'bin', 'schakel-verify.cjs');

describe('schakel-verify (offline CLI)', () => {
  let dir: string;
  let bundle: EvidenceBundle;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-verify-'));
    bundle = await buildSignedBundle();
    // Start without a built verifier: the first run must build it (as right after `npm install`).
    rmSync(join(TOOL, 'dist', 'schakel-verify.cjs'), { force: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(args: string[]): { code: number | null; out: string; err: string } {
    // No network, no database: an empty environment apart from PATH proves nothing else is needed.
    const result = spawnSync(process.execPath, [SHIM, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      timeout: 60_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  function verify(b: EvidenceBundle, name: string) {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(b, null, 2));
    return run([file]);
  }

  const tampered = (change: (b: EvidenceBundle) => void): EvidenceBundle => {
    const copy = structuredClone(bundle);
    change(copy);
    return copy;
  };
  const flip = (s: string, at: number): string => s.slice(0, at) + (s[at] === '0' ? '1' : '0') + s.slice(at + 1);

  it('passes an intact bundle with exit 0 and says so in Dutch', () => {
    const { code, out } = verify(bundle, 'intact');
    expect(code).toBe(0);
    expect(out).toContain('Wat klopt:');
    expect(out).not.toContain('Wat niet klopt:');
    expect(out).toContain('✓ De handtekening van UWV (goedkeuring) klopt.');
    expect(out).toContain('✓ Alle partijen hebben deze inhoud goedgekeurd.');
    expect(out).toContain('Conclusie: alles klopt.');
    expect(existsSync(join(TOOL, 'dist', 'schakel-verify.cjs'))).toBe(true);
  });

  it('fails a one-character change in the content, naming it', () => {
    const { code, out } = verify(
      tampered((b) => {
        b.content.title = b.content.title.replace('loket', 'lokat');
      }),
      'content',
    );
    expect(code).toBe(1);
    expect(out).toContain('✗ De inhoud is veranderd');
    expect(out).toContain('NIET in orde');
  });

  it('fails a one-character change in a statement, naming the signer', () => {
    const { code, out } = verify(
      tampered((b) => {
        b.signatures[1].statement.signer.employeeId = 'emp-7';
      }),
      'statement',
    );
    expect(code).toBe(1);
    expect(out).toContain('✗ De handtekening van UWV (goedkeuring) klopt niet');
  });

  it('fails a one-character change in an inclusion proof, naming the log entry', () => {
    const entry = bundle.logEntries[3];
    const { code, out } = verify(
      tampered((b) => {
        b.logEntries[3].inclusionProof[1] = flip(b.logEntries[3].inclusionProof[1], 10);
      }),
      'proof',
    );
    expect(code).toBe(1);
    expect(out).toContain(`✗ Gebeurtenis ${entry.index} (`);
    expect(out).toContain('staat niet in het logboek dat het platform ondertekende');
  });

  it('fails a one-character change in the checkpoint', () => {
    const { code, out } = verify(
      tampered((b) => {
        b.checkpoint.checkpoint.rootHash = flip(b.checkpoint.checkpoint.rootHash, 5);
      }),
      'checkpoint',
    );
    expect(code).toBe(1);
    expect(out).toContain('✗ De handtekening van het platform onder het logboek klopt niet');
  });

  it('checks a pinned platform key', () => {
    const file = join(dir, 'pinned.json');
    writeFileSync(file, JSON.stringify(bundle));
    const wrong = run([file, '--platform-kid', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('is niet de sleutel die u opgaf');
  });

  it('prints a JSON report on request', () => {
    const file = join(dir, 'json.json');
    writeFileSync(file, JSON.stringify(bundle));
    const { code, out } = run([file, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true });
  });

  it('exit 2 for wrong use, 1 for a file that is not a bundle', () => {
    expect(run([]).code).toBe(2);
    expect(run(['--onbekend', 'x.json']).code).toBe(2);
    const missing = run([join(dir, 'bestaat-niet.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('kan niet worden gelezen');
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, 'geen json');
    expect(run([notJson])).toMatchObject({ code: 1 });
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ hello: 'world' }));
    const result = run([other]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('geen bruikbare bewijsbundel');
  });
});
