import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { canRead, decideWrite } from '../../design/access/document-access.js';
import type { FieldError } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { createError, GuanxiError } from '../../engine/errors.js';
import type { Logger } from '../log.js';
import { AddressBook } from '../mail/address-book.js';
import { signedInUser } from '../auth/authenticate.js';
import type { Directory } from '../directory/directory.js';
import type { Store } from '../store/store.js';
import { fileWebInquiry } from './file-web-inquiry.js';
import { fillTimeToken, judgeFillTime } from './fill-time.js';
import { withinRateLimit } from './rate-limit.js';
import { confirmSubscription, isGenuineConfirmation, requestSubscription } from './subscriptions.js';
import { readInquiry, readSignUp, type WebInquiry, type WebSignUp } from './web-fields.js';
import {
  BAD_FORM, CHECK_MAILBOX, confirmSendPage, confirmSubscriptionPage, errorsPage, FOREIGN_ORIGIN, NOT_CONFIGURED, NOT_GENUINE, PAGE_POLICY, pagePolicy,
  SUBSCRIBED, THANK_YOU, TOO_LARGE, TOO_MANY, UNKNOWN_SITE,
} from './web-pages.js';
import { isConfiguredOrigin, isSiteKey, newSiteKey, originOf, siteById, type WebSite } from './web-sites.js';

export interface WebRouterOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly directory: Directory;
  readonly authenticate: RequestHandler;
  /** Where visitors reach this server: the confirmation links of sign-ups (none without it). */
  readonly publicUrl?: string;
  readonly now?: () => number;
}

/** What a website may send at once: a long inquiry is a few kilobytes. */
const BODY_LIMIT = '64kb';
const SITE_KEY_HEADER = 'X-Site-Key';

/** Why a sending was turned away, before anything was stored. */
class Refusal extends Error {
  constructor(readonly status: number, readonly page: string, readonly error: GuanxiError) {
    super(error.reason);
  }
}

type Kind = 'inquiry' | 'signUp';

/**
 * Lead capture from the company's website (docs/web-capture.md), mounted at the root, before the
 * API's own body parser:
 * - `POST /web/inquiry`, `POST /web/subscribe`: the plain HTML form (form-encoded; no script
 *   needed); answers with a page, or a redirect to the site's thank-you page
 * - `GET|POST /web/confirm?list&address&token`: the double opt-in link mailed to a new subscriber
 * - `GET /api/web/token?site=`: a signed fill time for a form being shown (CORS)
 * - `POST /api/web/inquiries`, `POST /api/web/subscriptions`: the JSON API, with the site's key in
 *   `X-Site-Key` (CORS for the site's origins only)
 * - `POST /api/web/sites/:id/key` (signed in, whoever may change the website form): a new site key
 */
export function createWebRouter({ store, directory, logger, authenticate, publicUrl, now = Date.now }: WebRouterOptions): Router {
  const router = Router();
  // Made at the first sending: building the app touches no database.
  let addressBook: AddressBook | undefined;
  const book = () => (addressBook ??= new AddressBook(store.database('crm').pouch));
  const ctx = () => ({ now: new Date(now()).toISOString(), user: SERVER_USER });
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 50 });

  router.post('/web/inquiry', form, htmlAnswer('inquiry'));
  router.post('/web/subscribe', form, htmlAnswer('signUp'));

  function htmlAnswer(kind: Kind): RequestHandler {
    return async (req, res) => {
      res.set('Content-Security-Policy', PAGE_POLICY);
      const site = await siteOf(req.body);
      if (!sameOrConfiguredOrigin(req, site)) throw new Refusal(403, FOREIGN_ORIGIN, createError('forbidden', `Origin ${req.get('origin')} is not a site of this form`));
      await countIp(req, site);
      const values = readOrRefuse(kind, req.body);
      const fill = await judgeFillTime(store, site.id, (req.body as Record<string, unknown>).t, now(), site.minSeconds);
      if (fill !== 'ok') {
        const given = Object.entries(req.body as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
        const carried = { ...Object.fromEntries(given), t: await fillTimeToken(store, site.id, now()) };
        const onwards = kind === 'inquiry' && site.thankYouUrl ? originOf(site.thankYouUrl) : undefined;
        res.status(200).set('Content-Security-Policy', pagePolicy(onwards)).type('html').send(confirmSendPage(req.originalUrl, carried, summaryOf(values)));
        return;
      }
      await accept(kind, site, values);
      if (kind === 'inquiry' && site.thankYouUrl) res.redirect(303, site.thankYouUrl);
      else res.status(kind === 'inquiry' ? 201 : 202).type('html').send(kind === 'inquiry' ? THANK_YOU : CHECK_MAILBOX);
    };
  }

  router.use('/api/web', cors);
  router.options('/api/web/{*path}', (_req, res) => {
    res.status(204).end();
  });

  router.get('/api/web/token', async (req, res) => {
    const site = await siteOf(req.query, 'query');
    res.json({ token: await fillTimeToken(store, site.id, now()), minSeconds: site.minSeconds, consentText: site.consentText });
  });

  const json = express.json({ limit: BODY_LIMIT });
  router.post('/api/web/inquiries', requireJson, json, jsonAnswer('inquiry'));
  router.post('/api/web/subscriptions', requireJson, json, jsonAnswer('signUp'));

  function jsonAnswer(kind: Kind): RequestHandler {
    return async (req, res) => {
      const site = await siteOf(req.body);
      const key = req.get(SITE_KEY_HEADER);
      if (!key || !await isSiteKey(store, site.id, key)) throw new Refusal(401, '', createError('unauthorized', `${SITE_KEY_HEADER} must carry the site's key (Guanxi makes one at POST /api/web/sites/:id/key)`));
      if (!sameOrConfiguredOrigin(req, site)) throw new Refusal(403, '', createError('forbidden', `Origin ${req.get('origin')} is not a site of this form`));
      await countIp(req, site);
      const values = readOrRefuse(kind, req.body);
      const fill = await judgeFillTime(store, site.id, (req.body as Record<string, unknown>).token, now(), site.minSeconds);
      if (fill === 'missing') throw new Refusal(400, '', createError('bad_request', 'token must be a fill time from GET /api/web/token?site=…, fetched when the form was shown (at most a day ago)'));
      if (fill === 'too_quick') throw new Refusal(400, '', createError('bad_request', `The form was sent faster than a person fills it (under ${site.minSeconds} s)`));
      await accept(kind, site, values);
      res.status(kind === 'inquiry' ? 201 : 202).json({ ok: true });
    };
  }

  router.get('/web/confirm', async (req, res) => {
    res.set('Content-Security-Policy', PAGE_POLICY);
    const { list, address, token } = linkOf(req.query);
    const genuine = list !== undefined && await isGenuineConfirmation(store, list, address!, token!);
    res.status(genuine ? 200 : 400).type('html').send(genuine ? confirmSubscriptionPage(address!) : NOT_GENUINE);
  });

  router.post('/web/confirm', async (req, res) => {
    res.set('Content-Security-Policy', PAGE_POLICY);
    const { list, address, token } = linkOf(req.query);
    const confirmed = list !== undefined && await confirmSubscription(store, book(), list, address!, token!, ctx());
    res.status(confirmed ? 200 : 400).type('html').send(confirmed ? SUBSCRIBED : NOT_GENUINE);
  });

  router.post('/api/web/sites/:id/key', authenticate, async (req, res) => {
    const access = directory.accessFor(signedInUser(res).name, 'names');
    const id = String(req.params.id);
    const doc = await store.database('names').find(id);
    if (doc?.form !== 'WebForm' || !canRead(access, doc)) throw createError('not_found', `No website form ${id}`);
    const decision = decideWrite(access, doc, doc);
    if (!decision.allowed) throw createError('forbidden', `You may not change the website form ${String(doc.name)}: ${decision.reason}`);
    res.status(201).json({ key: await newSiteKey(store, doc._id) });
  });

  router.use(['/web', '/api/web'], webErrors);
  return router;

  async function siteOf(given: unknown, where: 'body' | 'query' = 'body'): Promise<WebSite> {
    const id = given !== null && typeof given === 'object' ? (given as Record<string, unknown>).site : undefined;
    if (typeof id !== 'string' || id === '') throw new Refusal(400, UNKNOWN_SITE, createError('bad_request', `site is required (in the ${where}): the id of the website form`));
    const site = await siteById(store, id);
    if (!site) throw new Refusal(404, UNKNOWN_SITE, createError('not_found', `No website form ${id}, or it is turned off`));
    return site;
  }

  async function countIp(req: Request, site: WebSite): Promise<void> {
    if (!await withinRateLimit(store.serverDocs, site.id, 'ip', req.ip ?? 'unknown', site.perIpPerHour, now())) {
      throw new Refusal(429, TOO_MANY, createError('too_many_requests', `At most ${site.perIpPerHour} sendings an hour from one network address`));
    }
  }

  function readOrRefuse(kind: Kind, body: unknown): WebInquiry | WebSignUp {
    const read = kind === 'inquiry' ? readInquiry(body) : readSignUp(body);
    if (read.values) return read.values;
    throw new Refusal(400, errorsPage(read.errors), createError('bad_request', reasonOf(read.errors), read.errors));
  }

  async function accept(kind: Kind, site: WebSite, values: WebInquiry | WebSignUp): Promise<void> {
    if (!await withinRateLimit(store.serverDocs, site.id, 'address', values.email, site.perAddressPerHour, now())) {
      throw new Refusal(429, TOO_MANY, createError('too_many_requests', `At most ${site.perAddressPerHour} sendings an hour for one e-mail address`));
    }
    if (kind === 'inquiry') {
      await fileWebInquiry(store, book(), site, values as WebInquiry, ctx(), logger);
    } else {
      if (!publicUrl) throw new Refusal(503, NOT_CONFIGURED, createError('unavailable', 'Newsletter sign-up needs PUBLIC_URL set on the server, for the confirmation link'));
      await requestSubscription(store, site, values as WebSignUp, publicUrl, ctx());
    }
  }

  /** A browser's form or script on one of the site's pages, Guanxi's own confirmation page, or no browser at all. */
  function sameOrConfiguredOrigin(req: Request, site: WebSite): boolean {
    const origin = req.get('origin');
    if (origin === undefined) return true;
    const own = originOf(publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`);
    return origin === own || origin === originOf(`${req.protocol}://${req.get('host') ?? ''}`) || site.origins.includes(origin);
  }

  /** CORS for the sites' pages only: no headers at all for any other origin, so browsers refuse it. */
  async function cors(req: Request, res: Response, next: () => void): Promise<void> {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin && await isConfiguredOrigin(store, origin)) {
      res.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': `Content-Type, ${SITE_KEY_HEADER}`,
        'Access-Control-Max-Age': '600',
      });
    }
    next();
  }
}

const requireJson: RequestHandler = (req, _res, next) => {
  next(req.is('application/json') ? undefined : createError('bad_content_type', 'Send the fields as JSON (Content-Type: application/json)'));
};

function reasonOf(errors: readonly FieldError[]): string {
  return errors.map((e) => e.message.en).join('; ');
}

/** The summary a visitor checks before sending again: the fields they filled, labelled in both languages. */
function summaryOf(values: WebInquiry | WebSignUp): [string, string][] {
  const labels: Record<string, string> = { name: '姓名 Name', email: '邮箱 E-mail', company: '公司 Company', country: '国家 Country', product: '产品 Product', quantity: '数量 Quantity', message: '留言 Message' };
  return Object.entries(values).flatMap(([field, value]) => (labels[field] && typeof value === 'string' ? [[labels[field], value] as [string, string]] : []));
}

function linkOf(query: unknown): { list?: string; address?: string; token?: string } {
  const { list, address, token } = query as Record<string, unknown>;
  return typeof list === 'string' && typeof address === 'string' && typeof token === 'string' ? { list, address, token } : {};
}

/** Refusals and the body parser's errors, as a page for the HTML form and in the API's error shape for the JSON API. */
const webErrors: ErrorRequestHandler = (error: unknown, req, res, next) => {
  const { type, status } = (error ?? {}) as { type?: string; status?: number };
  const html = req.originalUrl.startsWith('/web');
  if (error instanceof Refusal) {
    if (html) res.status(error.status).set('Content-Security-Policy', PAGE_POLICY).type('html').send(error.page);
    else next(error.error);
  } else if (type === 'entity.too.large') {
    if (html) res.status(413).set('Content-Security-Policy', PAGE_POLICY).type('html').send(TOO_LARGE);
    else next(createError('too_large', `At most ${BODY_LIMIT} may be sent`));
  } else if (html && typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
    // Too many fields, an unknown charset or encoding: not what the form sends.
    res.status(400).set('Content-Security-Policy', PAGE_POLICY).type('html').send(BAD_FORM);
  } else {
    next(error);
  }
};
