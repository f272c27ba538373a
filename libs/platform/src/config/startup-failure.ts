/** One readable line for the usual reasons a process cannot start: a service that is not there. */
export function explainStartupFailure(error: unknown): string {
  const err = error as { code?: string; message?: string; errors?: Array<{ code?: string; port?: number }> };
  const codes = [err.code, ...(err.errors ?? []).map((e) => e.code)];
  const hint = 'Start ze bijvoorbeeld met: docker compose -f infra/docker-compose.yml up -d';
  if (codes.includes('ECONNREFUSED') || codes.includes('ENOTFOUND') || codes.includes('ETIMEDOUT')) {
    return `Schakel kan PostgreSQL of Redis niet bereiken (${err.message ?? err.code}). ${hint}`;
  }
  if (err.code === '3D000') return `De database bestaat nog niet: draai eerst npm run db:migrate.`;
  if (err.code === '28P01' || err.code === '28000') return `PostgreSQL weigert de aanmelding (${err.message}). Controleer DATABASE_URL.`;
  if (err.code === 'EADDRINUSE') return `De poort is al in gebruik (${err.message}). Kies een andere PORT.`;
  return `Schakel kon niet starten: ${err.message ?? String(error)}`;
}
