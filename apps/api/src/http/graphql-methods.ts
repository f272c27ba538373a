import type { NextFunction, Request, Response } from 'express';
import { AppError, formatGraphqlError } from '@schakel/platform';

const POST_ONLY = AppError.badInput({
  nl: 'Stuur GraphQL-verzoeken met POST, niet via de URL.',
  en: 'Send GraphQL requests with POST, not in the URL.',
});

/**
 * GraphQL over HTTP is POST only. A GET would carry the document and its variables (a BSN, a
 * name) in the URL, where proxies, browsers and access logs keep them; Apollo would run GET
 * queries. OPTIONS never gets here (CORS answers the preflight); WebSocket upgrades do not pass
 * through Express.
 */
export function graphqlPostOnly() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST') {
      next();
      return;
    }
    res.status(405).setHeader('Allow', 'POST');
    res.json({ errors: [formatGraphqlError({ message: POST_ONLY.message }, POST_ONLY, { exposeDetails: false })] });
  };
}
