/**
 * Steady load through the proxy: referrals created by gemeente balies (to UWV, some with a norm
 * short enough to escalate within the run) and reads of UWV's incoming handoffs. Every answer that
 * is not HTTP 200 without GraphQL errors counts as a failure, with its reason kept.
 */
export interface LoadOptions {
  baseUrl: string;
  /** Bearer tokens of the referring employees and of reading employees (each within its rate limit). */
  referrers: string[];
  readers: string[];
  uwvId: string;
  /** Concurrent request loops. */
  concurrency: number;
  /** Upper bound of requests per second over all loops (none: as fast as answered). */
  ratePerSecond?: number;
  /** Every n-th referral gets the short norm's topic and escalates. */
  escalateEvery?: number;
}

export interface LoadReport {
  requests: number;
  failures: string[];
  /** The first handoff of every referral created. */
  handoffs: string[];
  escalating: string[];
  seconds: number;
  requestsPerSecond: number;
  referralsPerSecond: number;
  p95Ms: number;
}

export const ESCALATING_TOPIC = 'ZORG';
const REFER = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id } } }`;
const READ = `{ handoffs(direction: INCOMING, first: 10) { edges { node { id status } } } }`;

export class Load {
  private stopped = false;
  private readonly loops: Array<Promise<void>> = [];
  private readonly failures: string[] = [];
  private readonly handoffs: string[] = [];
  private readonly escalating: string[] = [];
  private readonly latencies: number[] = [];
  private requests = 0;
  private started = 0;
  private n = 0;

  constructor(private readonly options: LoadOptions) {}

  start(): void {
    this.started = Date.now();
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop());
  }

  async stop(): Promise<LoadReport> {
    this.stopped = true;
    await Promise.all(this.loops);
    const seconds = (Date.now() - this.started) / 1000;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      requests: this.requests,
      failures: this.failures,
      handoffs: this.handoffs,
      escalating: this.escalating,
      seconds: Number(seconds.toFixed(1)),
      requestsPerSecond: Number((this.requests / seconds).toFixed(1)),
      referralsPerSecond: Number((this.handoffs.length / seconds).toFixed(1)),
      p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    };
  }

  private async loop(): Promise<void> {
    const { ratePerSecond, concurrency } = this.options;
    const spacingMs = ratePerSecond ? (1000 * concurrency) / ratePerSecond : 0;
    while (!this.stopped) {
      const began = Date.now();
      await this.once();
      const wait = spacingMs - (Date.now() - began);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async once(): Promise<void> {
    const n = this.n++;
    const write = n % 2 === 0;
    const escalates = write && this.options.escalateEvery !== undefined && (n / 2) % this.options.escalateEvery === 0;
    const pool = write ? this.options.referrers : this.options.readers;
    const token = pool[Math.floor(n / 2) % pool.length];
    const body = write
      ? {
          query: REFER,
          variables: {
            input: {
              citizen: { bsn: '123456782', name: 'Replica Test' },
              toOrganisationId: this.options.uwvId,
              topic: escalates ? ESCALATING_TOPIC : 'WERK',
              summary: 'Lasttest met replica’s.',
              consent: { given: true, method: 'MONDELING' },
            },
          },
        }
      : { query: READ };
    const began = Date.now();
    this.requests++;
    try {
      const res = await fetch(`${this.options.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status !== 200) return void this.failures.push(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      const parsed = JSON.parse(text) as { data?: { createReferral?: { currentHandoff: { id: string } } }; errors?: Array<{ message: string }> };
      if (parsed.errors) return void this.failures.push(`GraphQL: ${parsed.errors.map((e) => e.message).join('; ')}`);
      const created = parsed.data?.createReferral;
      if (created) {
        this.handoffs.push(created.currentHandoff.id);
        if (escalates) this.escalating.push(created.currentHandoff.id);
      }
      this.latencies.push(Date.now() - began);
    } catch (error) {
      this.failures.push(`${(error as Error).name}: ${(error as Error).message}`);
    }
  }
}
