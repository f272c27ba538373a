import type { NextFunction, Request, Response } from 'express';

/**
 * A per-request time limit. When it passes, the client gets SERVICE_UNAVAILABLE at once (the
 * database's statement_timeout stops the work underneath); whatever the handler writes later is
 * dropped instead of failing on a response that was already sent.
 */
export function operationTimeout(limitMs: number) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.status(503).setHeader('Retry-After', '5');
      res.json({
        errors: [
          {
            message: 'De bewerking duurde te lang en is afgebroken; probeer het opnieuw. / The operation took too long and was stopped; try again.',
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ],
      });
      const ignore = (() => res) as never;
      Object.assign(res, { status: ignore, setHeader: ignore, json: ignore, send: ignore, end: ignore, writeHead: ignore });
    }, limitMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}
