import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';

export interface WebServerOptions {
  /** The Vite production build (apps/web/dist). */
  root: string;
  /** Where the API listens, e.g. http://127.0.0.1:3000. */
  apiUrl: string;
  host: string;
  port: number;
}

export interface RunningWebServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Paths the browser reaches through this server, so the app and the API share one origin. */
const API_PATHS = ['/graphql', '/auth', '/health'];
const CONFIG_TTL_MS = 60_000;

/**
 * Serves the web app's production build and proxies the API (HTTP and graphql-ws) on the same
 * origin: no CORS in the browser, and the API's own strict CSP stays on its JSON responses.
 * The page's CSP allows connections to itself and to the identity providers the API trusts,
 * which the browser must reach for OpenID Connect (discovery, token endpoint).
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const index = join(options.root, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`De web-app is niet gebouwd: ${index} ontbreekt (npm run web:build).`);
  }
  const issuers = new IssuerOrigins(options.apiUrl);
  const app = express();
  app.disable('x-powered-by');

  const proxy = createProxyMiddleware<Request, Response>({
    target: options.apiUrl,
    ws: true,
    pathFilter: (path) => API_PATHS.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`)),
    xfwd: true,
    // The proxy's own error handler would echo the API's address; answer plainly instead.
    on: {
      error: (_err, _req, res) => {
        if ('writeHead' in res && !res.headersSent) {
          res.writeHead(502, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: 'De server van Schakel is niet bereikbaar. / Schakel API unreachable.' }));
        } else if ('destroy' in res) {
          res.destroy();
        }
      },
    },
  });
  app.use(proxy);

  app.use(async (_req: Request, res: Response, next: NextFunction) => {
    const connect = ["'self'", ...(await issuers.get())].join(' ');
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        "script-src 'self'",
        // React sets style attributes for a few layout details; no inline scripts are allowed.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        `connect-src ${connect}`,
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ].join('; '),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  // Hashed assets may be cached for ever; index.html never, so a new build is picked up.
  app.use('/assets', express.static(join(options.root, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(express.static(options.root, { index: false, maxAge: 0 }));
  // Client-side routes (/inkomend, /doorverwijzingen/…) all load the app.
  app.get(/.*/, (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(index);
  });

  const server = createServer(app);
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/graphql')) proxy.upgrade(req, socket as Socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The origins of the identity providers the API trusts, from GET /auth/config, cached briefly. */
class IssuerOrigins {
  private cached: { at: number; origins: string[] } | null = null;

  constructor(private readonly apiUrl: string) {}

  async get(): Promise<string[]> {
    if (this.cached && Date.now() - this.cached.at < CONFIG_TTL_MS) return this.cached.origins;
    let origins: string[] = [];
    try {
      const res = await fetch(`${this.apiUrl}/auth/config`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        const body = (await res.json()) as { providers?: Array<{ issuer?: unknown }> };
        origins = [...new Set((body.providers ?? []).flatMap((p) => originOf(p.issuer)))];
      }
    } catch {
      // API not up yet: the page still loads, OIDC sign-in waits for the next refresh.
      return [];
    }
    this.cached = { at: Date.now(), origins };
    return origins;
  }
}

function originOf(issuer: unknown): string[] {
  if (typeof issuer !== 'string') return [];
  try {
    const url = new URL(issuer);
    return url.protocol === 'https:' || url.protocol === 'http:' ? [url.origin] : [];
  } catch {
    return [];
  }
}
