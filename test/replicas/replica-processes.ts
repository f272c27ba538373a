import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@schakel/testing';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;
const CLOCK_TICKS_PER_SECOND = 100;

export type AppKind = 'api' | 'worker';

/** One built app process (dist/apps/<kind>/src/main.js), as a container would run it. */
export class AppProcess {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private output = '';

  private constructor(
    readonly name: string,
    readonly kind: AppKind,
    readonly port: number,
    readonly child: ChildProcess,
    readonly startedAt: number,
  ) {
    child.stdout?.on('data', (c: Buffer) => this.keep(c));
    child.stderr?.on('data', (c: Buffer) => this.keep(c));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(name: string, kind: AppKind, env: Record<string, string>): Promise<AppProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'runtime-paths.cjs'), join(ROOT, 'dist', 'apps', kind, 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), WORKER_HEALTH_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new AppProcess(name, kind, port, child, Date.now());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Milliseconds from spawn until /health/ready answered 200. */
  async waitReady(): Promise<number> {
    const until = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < until) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited during start-up:\n${this.tail()}`);
      const res = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
      if (res?.status === 200) return Date.now() - this.startedAt;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} not ready within ${READY_TIMEOUT_MS} ms:\n${this.tail()}`);
  }

  /** SIGTERM, then milliseconds until the process exited and how ("exit 0", "SIGTERM"). */
  async terminate(): Promise<{ ms: number; exit: string }> {
    const started = Date.now();
    this.child.kill('SIGTERM');
    const { code, signal } = await this.exited;
    return { ms: Date.now() - started, exit: signal ?? `exit ${code}` };
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  tail(lines = 30): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  /** Resident memory (MiB) and CPU seconds used so far, from /proc (Linux). */
  usage(): { rssMiB: number; cpuSeconds: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), after the parenthesised name.
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      return { rssMiB: rssKiB / 1024, cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND };
    } catch {
      return undefined;
    }
  }

  private keep(chunk: Buffer): void {
    this.output += chunk.toString();
    if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
  }
}

/** Peak RSS and mean CPU (cores) per app kind while `sample` is called, once a second. */
export class UsageSampler {
  private readonly peaks: Record<AppKind, number> = { api: 0, worker: 0 };
  private readonly cpu = new Map<number, { kind: AppKind; first: { t: number; s: number }; last: { t: number; s: number } }>();
  private timer?: NodeJS.Timeout;

  start(processes: () => AppProcess[]): void {
    this.timer = setInterval(() => {
      for (const p of processes()) {
        const u = p.usage();
        if (!u) continue;
        this.peaks[p.kind] = Math.max(this.peaks[p.kind], u.rssMiB);
        const now = { t: Date.now(), s: u.cpuSeconds };
        const seen = this.cpu.get(p.pid);
        if (seen) seen.last = now;
        else this.cpu.set(p.pid, { kind: p.kind, first: now, last: now });
      }
    }, 1000);
  }

  stop(): Record<AppKind, { peakRssMiB: number; meanCores: number; maxCores: number }> {
    clearInterval(this.timer);
    const result = {} as Record<AppKind, { peakRssMiB: number; meanCores: number; maxCores: number }>;
    for (const kind of ['api', 'worker'] as const) {
      const cores = [...this.cpu.values()]
        .filter((c) => c.kind === kind && c.last.t - c.first.t >= 3000)
        .map((c) => (c.last.s - c.first.s) / ((c.last.t - c.first.t) / 1000));
      result[kind] = {
        peakRssMiB: Math.round(this.peaks[kind]),
        meanCores: cores.length ? Number((cores.reduce((a, b) => a + b, 0) / cores.length).toFixed(2)) : 0,
        maxCores: cores.length ? Number(Math.max(...cores).toFixed(2)) : 0,
      };
    }
    return result;
  }
}
