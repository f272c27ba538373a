import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Reads a PDF the way an assistive tool would (pdf.js, in a child process: it is ESM only), and
 * gives its text in reading order, metadata, mark info and structure tree (pdf-text.mjs's JSON).
 */
export async function readPdf<T>(pdf: Buffer): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'schakel-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run(process.execPath, [join(__dirname, 'pdf-text.mjs'), file], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout) as T;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
