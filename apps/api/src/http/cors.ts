import type { AppConfig } from '@schakel/platform';

/**
 * The browser origins allowed to call the API. CORS_ORIGINS when set; otherwise, outside
 * production only, the web app on this machine (http://127.0.0.1:WEB_PORT and
 * http://localhost:WEB_PORT), so `npm run web:dev` works without configuration. In production
 * an empty CORS_ORIGINS means no CORS at all.
 */
export function corsOrigins(config: Pick<AppConfig, 'NODE_ENV' | 'CORS_ORIGINS' | 'WEB_PORT'>): string[] | false {
  if (config.CORS_ORIGINS.length > 0) return config.CORS_ORIGINS;
  if (config.NODE_ENV === 'production') return false;
  return [`http://127.0.0.1:${config.WEB_PORT}`, `http://localhost:${config.WEB_PORT}`];
}
