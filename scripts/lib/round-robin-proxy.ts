import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * A small readiness-aware round-robin proxy, standing in for a Kubernetes Service or an ingress
 * in the replica tests (test/replicas): it polls every backend's readiness URL and sends each
 * request, and each WebSocket upgrade, to the next ready backend. A request is retried on another
 * backend only when its connection was refused, i.e. when it cannot have reached any application.
 * Each forwarded request has its own upstream connection, as a balancer that spreads requests
 * (not connections) would.
 */
export interface ProxyBackend {
  /** Base URL, e.g. http://127.0.0.1:3000. */
  url: string;
  ready: boolean;
  /** Requests and upgrades sent to it. */
  requests: number;
  upgrades: number;
}

export interface ProxyStats {
  forwarded: number;
  /** Requests sent again to another backend after a refused connection. */
  retried: number;
  /** Requests answered 502/503 by the proxy itself (no ready backend, or an upstream error). */
  failed: number;
}

export interface RoundRobinProxyOptions {
  readyPath?: string;
  pollMs?: number;
  host?: string;
  port?: number;
}

const UPSTREAM_TIMEOUT_MS = 30_000;

export class RoundRobinProxy {
  readonly backends: ProxyBackend[] = [];
  readonly stats: ProxyStats = { forwarded: 0, retried: 0, failed: 0 };
  private next = 0;
  private poller?: NodeJS.Timeout;
  private readonly sockets = new Set<Duplex>();

  private constructor(
    private readonly server: Server,
    private readonly readyPath: string,
    readonly url: string,
  ) {}

  static async start(backendUrls: string[], options: RoundRobinProxyOptions = {}): Promise<RoundRobinProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const proxy = new RoundRobinProxy(server, options.readyPath ?? '/health/ready', `http://${options.host ?? '127.0.0.1'}:${port}`);
    for (const url of backendUrls) proxy.add(url);
    server.on('request', (req, res) => void proxy.handle(req, res));
    server.on('upgrade', (req, socket, head) => proxy.upgrade(req, socket, head));
    server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.once('close', () => proxy.sockets.delete(socket));
    });
    await proxy.poll();
    proxy.poller = setInterval(() => void proxy.poll(), options.pollMs ?? 100);
    proxy.poller.unref();
    return proxy;
  }

  /** A backend that receives traffic once its readiness URL answers 200. */
  add(url: string): void {
    if (!this.backends.some((b) => b.url === url)) this.backends.push({ url, ready: false, requests: 0, upgrades: 0 });
  }

  remove(url: string): void {
    const i = this.backends.findIndex((b) => b.url === url);
    if (i >= 0) this.backends.splice(i, 1);
  }

  async close(): Promise<void> {
    clearInterval(this.poller);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async poll(): Promise<void> {
    await Promise.all(
      this.backends.map(async (backend) => {
        try {
          const res = await fetch(`${backend.url}${this.readyPath}`, { signal: AbortSignal.timeout(1000) });
          backend.ready = res.status === 200;
          await res.arrayBuffer();
        } catch {
          backend.ready = false;
        }
      }),
    );
  }

  private pick(exclude: ReadonlySet<ProxyBackend>): ProxyBackend | undefined {
    const ready = this.backends.filter((b) => b.ready && !exclude.has(b));
    if (ready.length === 0) return undefined;
    this.next = (this.next + 1) % ready.length;
    return ready[this.next];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const tried = new Set<ProxyBackend>();
    for (;;) {
      const backend = this.pick(tried);
      if (!backend) {
        this.stats.failed++;
        res.writeHead(503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'no ready backend' }));
        return;
      }
      tried.add(backend);
      backend.requests++;
      const outcome = await this.forward(backend, req, body, res);
      if (outcome === 'done') {
        this.stats.forwarded++;
        return;
      }
      if (outcome === 'refused') {
        // Never reached the application: safe to send elsewhere, whatever the method.
        backend.ready = false;
        this.stats.retried++;
        continue;
      }
      this.stats.failed++;
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'upstream error' }));
      else res.destroy();
      return;
    }
  }

  private forward(backend: ProxyBackend, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<'done' | 'refused' | 'error'> {
    const target = new URL(req.url ?? '/', backend.url);
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length), connection: 'close' };
    delete headers['transfer-encoding'];
    return new Promise((resolve) => {
      const upstream = request(target, { method: req.method, headers, agent: false, timeout: UPSTREAM_TIMEOUT_MS }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once('end', () => resolve('done'));
        answer.once('error', () => resolve('error'));
      });
      upstream.once('timeout', () => upstream.destroy(new Error('upstream timeout')));
      upstream.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : 'error'));
      upstream.end(body);
    });
  }

  /** WebSockets: the upgrade request and then both directions as they are, close frames included. */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const backend = this.pick(new Set());
    if (!backend) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    backend.upgrades++;
    const target = new URL(backend.url);
    const upstream: Socket = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i];
        lines.push(`${name}: ${name.toLowerCase() === 'host' ? target.host : req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    this.sockets.add(upstream);
    // end(), not destroy(): the server's close frame (1001 "Going away") may still be on its way.
    upstream.once('close', () => {
      this.sockets.delete(upstream);
      socket.end();
    });
    upstream.once('error', () => socket.destroy());
    socket.once('close', () => upstream.destroy());
    socket.once('error', () => upstream.destroy());
  }
}
