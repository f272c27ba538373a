import { connect } from 'node:net';

/** True when a TCP connection to host:port opens within the timeout. */
export function canConnect(url: string, defaultPort: number, timeoutMs = 2000): Promise<boolean> {
  const u = new URL(url);
  const port = u.port ? Number(u.port) : defaultPort;
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const COMPOSE_HINT = 'Start ze bijvoorbeeld met: docker compose -f infra/docker-compose.yml up -d';

/** Exits with one line when PostgreSQL or Redis is not reachable. */
export async function requireServices(databaseUrl: string, redisUrl: string): Promise<void> {
  const [pg, redis] = await Promise.all([canConnect(databaseUrl, 5432), canConnect(redisUrl, 6379)]);
  const missing = [!pg && `PostgreSQL (${new URL(databaseUrl).host})`, !redis && `Redis (${new URL(redisUrl).host})`].filter(Boolean);
  if (missing.length) {
    console.error(`Schakel kan ${missing.join(' en ')} niet bereiken. ${COMPOSE_HINT}`);
    process.exit(1);
  }
}
