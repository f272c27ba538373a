import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(__dirname, '..');

/** The tags of each Nx project (apps and libs), from their project.json. */
function projectTags(): string[][] {
  const tags: string[][] = [];
  for (const group of ['apps', 'libs']) {
    for (const name of readdirSync(join(root, group))) {
      try {
        const project = JSON.parse(readFileSync(join(root, group, name, 'project.json'), 'utf8')) as { tags?: string[] };
        tags.push(project.tags ?? []);
      } catch {
        // Not a project (no project.json).
      }
    }
  }
  return tags;
}

describe('Nx module boundaries (lint)', () => {
  // ESLint in its own process, as `npm run lint` runs it (its config loader needs real ESM).
  const lint = async (filePath: string, code: string): Promise<Array<{ ruleId: string | null; severity: number }>> => {
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--stdin', '--stdin-filename', join(root, filePath), '--format', 'json'], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; severity: number }> }>;
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries');
  };

  it('fails a lib that imports against the dependency direction (organisations may not use referrals)', async () => {
    const messages = await lint('libs/organisations/src/boundary-probe.ts', `import { HandoffsService } from '@schakel/referrals';\nexport const probe = HandoffsService;\n`);
    expect(messages.map((m) => m.severity)).toEqual([2]);
  });

  it('fails the platform when it imports a domain lib', async () => {
    const messages = await lint('libs/platform/src/boundary-probe.ts', `import { ReferralsModule } from '@schakel/referrals';\nexport const probe = ReferralsModule;\n`);
    expect(messages.map((m) => m.severity)).toEqual([2]);
  });

  it('lets follow-ups use referrals', async () => {
    expect(await lint('libs/follow-ups/src/boundary-probe.ts', `import { HandoffsService } from '@schakel/referrals';\nexport const probe = HandoffsService;\n`)).toEqual([]);
  });

  it('constrains only tags of projects that exist, and every project by one of its tags', () => {
    const config = readFileSync(join(root, 'eslint.config.cjs'), 'utf8');
    const constrained = [...config.matchAll(/sourceTag: '([^']+)'/g)].map((m) => m[1]);
    const projects = projectTags();
    expect(constrained.filter((t) => !projects.flat().includes(t))).toEqual([]);
    expect(projects.filter((tags) => !tags.some((t) => constrained.includes(t)))).toEqual([]);
  });
});
