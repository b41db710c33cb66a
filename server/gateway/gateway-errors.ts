import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { createError, toGuanxiError } from '../../engine/errors.js';

/** CouchDB's answer to a method an endpoint does not take: 405 and the methods it does. */
export function methodNotAllowed(methods: string): RequestHandler {
  return (_req, res) => {
    res.status(405).set('Allow', methods).json({ error: 'method_not_allowed', reason: `Only ${methods.replaceAll(' ', '')} allowed` });
  };
}

/** An endpoint of CouchDB's that the gateway does not serve (_all_docs, _find, _purge…), or no endpoint at all. */
export function notServed(req: Request): never {
  throw createError('not_found', `${req.method} ${req.baseUrl}${req.path} is not served by the sync gateway`);
}

export const notServedHere: RequestHandler = (req) => notServed(req);

/**
 * Every failure in CouchDB's shape, `{error, reason}`: what the client sent is answered with a 4xx
 * (body-parser's own errors included); a 5xx is the server's fault and is logged.
 */
export const gatewayErrorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const failure = toGuanxiError(error);
  if (failure.status >= 500) req.log.error({ err: error }, 'sync gateway request failed');
  res.status(failure.status).json({ error: failure.error, reason: failure.kind === 'internal' ? 'Internal server error' : failure.reason });
};
