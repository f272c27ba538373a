import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** The API's version (semver of the GraphQL contract, see CHANGELOG.md), sent on every response. */
export const API_VERSION = '1.0.0';

/**
 * NL API Design Rules, as far as they apply to GraphQL over HTTP: API-Version on every response,
 * no caching of responses that may hold personal data, and security headers with a strict CSP
 * (these are JSON responses, nothing to render).
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
  frameguard: { action: 'deny' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
});

export function apiHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('API-Version', API_VERSION);
  res.setHeader('Cache-Control', 'no-store');
  next();
}
