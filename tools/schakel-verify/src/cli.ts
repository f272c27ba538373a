// schakel-verify: checks an evidence bundle of a Schakel action list offline and says in plain
// Dutch what holds and what broke. Exit codes: 0 all checks hold, 1 something broke (or the file is
// not a bundle), 2 wrong use (no file, unreadable file, unknown option).
import { readFileSync } from 'node:fs';
import { verifyEvidenceBundle } from '@schakel/signing';
import type { EvidenceVersionStatus, VerificationCheck } from '@schakel/signing';

export const EXIT_OK = 0;
export const EXIT_BROKEN = 1;
export const EXIT_USAGE = 2;

const USAGE = `Gebruik: schakel-verify <bundel.json> [--platform-kid <vingerafdruk>] [--json]

Controleert een bewijsbundel van een actielijst uit Schakel, zonder internet en zonder database.
  --platform-kid  de vingerafdruk van de sleutel van het platform zoals Schakel die publiceert;
                  de bundel moet dan met precies die sleutel zijn ondertekend
  --json          het verslag als JSON in plaats van tekst

Uitkomst: 0 = alles klopt, 1 = iets klopt niet, 2 = verkeerd gebruik.
`;

const STATUS_NL: Record<EvidenceVersionStatus, string> = {
  OPEN_FOR_SIGNING: 'open voor ondertekening',
  FINAL: 'definitief',
  DECLINED: 'afgewezen',
  SUPERSEDED: 'vervangen door een nieuwere versie',
};

interface Args {
  file: string;
  platformKid?: string;
  json: boolean;
}

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let platformKid: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--platform-kid') {
      platformKid = argv[++i];
      if (platformKid === undefined || platformKid === '') return 'Na --platform-kid hoort een vingerafdruk.';
    } else if (arg === '-h' || arg === '--help') return '';
    else if (arg.startsWith('-')) return `Onbekende optie: ${arg}`;
    else if (file === undefined) file = arg;
    else return 'Geef één bundel tegelijk.';
  }
  if (file === undefined) return 'Geef het bestand met de bewijsbundel.';
  return { file, platformKid, json };
}

function line(check: VerificationCheck): string {
  return `  ${check.ok ? '✓' : '✗'} ${check.messageNl}`;
}

export async function main(
  argv: string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
  err: (text: string) => void = (t) => process.stderr.write(t),
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(args === '' ? USAGE : `${args}\n\n${USAGE}`);
    return args === '' ? EXIT_OK : EXIT_USAGE;
  }

  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch {
    err(`Het bestand ${args.file} kan niet worden gelezen.\n`);
    return EXIT_USAGE;
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch {
    out(`✗ ${args.file} is geen JSON-bestand, dus geen bewijsbundel.\n`);
    return EXIT_BROKEN;
  }

  const report = await verifyEvidenceBundle(bundle, { expectedPlatformKid: args.platformKid });
  if (args.json) {
    out(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? EXIT_OK : EXIT_BROKEN;
  }

  const lines: string[] = [`Bewijsbundel: ${args.file}`];
  const b = bundle as { content?: { title?: unknown }; version?: unknown; status?: unknown };
  if (typeof b.content?.title === 'string') lines.push(`Actielijst: ${b.content.title}`);
  if (typeof b.status === 'string' && b.status in STATUS_NL) {
    lines.push(`Versie ${String(b.version)}, status volgens de bundel: ${STATUS_NL[b.status as EvidenceVersionStatus]}`);
  }
  const good = report.checks.filter((c) => c.ok);
  const bad = report.checks.filter((c) => !c.ok);
  if (good.length > 0) lines.push('', 'Wat klopt:', ...good.map(line));
  if (bad.length > 0) lines.push('', 'Wat niet klopt:', ...bad.map(line));
  lines.push('');
  if (report.ok) {
    lines.push('Conclusie: alles klopt. De inhoud, de handtekeningen en het logboek horen bij elkaar en zijn niet veranderd.');
  } else {
    const n = bad.length;
    lines.push(`Conclusie: deze bundel is NIET in orde. ${n} ${n === 1 ? 'controle klopt' : 'controles kloppen'} niet (zie hierboven).`);
  }
  if (args.platformKid === undefined && report.checks.some((c) => c.code === 'CHECKPOINT_SIGNATURE' && c.ok)) {
    lines.push(
      'Tip: vergelijk de sleutel van het platform hierboven met de sleutel die Schakel publiceert, of geef die mee met --platform-kid.',
    );
  }
  lines.push('Let op: dit is geen gekwalificeerde elektronische handtekening (eIDAS). Zie docs/signing.md.');
  out(`${lines.join('\n')}\n`);
  return report.ok ? EXIT_OK : EXIT_BROKEN;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
