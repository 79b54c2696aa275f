/**
 * `vnplan review`: a small Fastify server over a run's output folder and the single-page front
 * end (src/review/web, bundled into dist/review-web at build time). The API:
 *   GET    /api/config                                  reviewer name default, folder name
 *   GET    /api/documents                               the documents list (catalog.ts)
 *   GET    /api/documents/:docId                        one document: machine text, low-confidence
 *                                                       tokens, fields, pages, corrections + states
 *   GET    /api/documents/:docId/pages/:n               page image (PNG, pages.ts)
 *   POST   /api/documents/:docId/corrections            add a correction (validated, atomic)
 *   DELETE /api/documents/:docId/corrections/:id        remove one (undo)
 * Nothing else is routed: the static files are the bundle's, registered by name at start-up,
 * so no request path is ever joined onto a folder.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { packageRoot } from '../../pipelines/version.js';
import { applyCorrections } from '../corrections/apply.js';
import { CorrectionRequestSchema, FIELD_PATHS, type FieldPath } from '../corrections/schema.js';
import { addCorrection, CorrectionConflict, CorrectionsFileError, removeCorrection } from '../corrections/store.js';
import { VnplanError } from '../errors.js';
import type { DocumentRecord } from '../schema/document.js';
import { checkListenOptions, hostHeaderIsLoopback, presentedToken, TOKEN_COOKIE, tokenMatches } from './access.js';
import { Catalog } from './catalog.js';
import { PageImageError, PageRenderer } from './pages.js';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
/** Largest request body: a correction is a few hundred bytes. */
const BODY_LIMIT = 64 * 1024;

export interface ReviewServerOptions {
  outDir: string;
  host?: string;
  port?: number;
  /** Required when host is not loopback; then every request must carry it. */
  token?: string;
  /** Reviewer name written with corrections when the page does not send one; default the OS user. */
  user?: string;
  /** The built front end; default <package>/dist/review-web. */
  webDir?: string;
}

export interface ReviewServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export function defaultWebDir(): string {
  return join(packageRoot(), 'dist', 'review-web');
}

const FIELD_LABELS: Record<FieldPath, string> = {
  documentType: 'Loại văn bản', number: 'Số, ký hiệu', 'issuingBody.name': 'Cơ quan ban hành', 'issuingBody.parent': 'Cơ quan chủ quản',
  place: 'Địa danh', issueDate: 'Ngày ban hành', title: 'Trích yếu', 'period.from': 'Từ ngày', 'period.to': 'Đến ngày',
  'signer.name': 'Người ký', 'signer.title': 'Chức vụ', 'signer.onBehalfOf': 'Thay mặt',
};

type Scalar = { value: string | null; confidence: number; provenance: DocumentRecord['fields']['number']['provenance']; humanVerified?: { who: string; when: string } };

function fieldAt(fields: DocumentRecord['fields'], path: FieldPath): Scalar {
  let node: unknown = fields;
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  return node as Scalar;
}

/** What the document view needs, offsets in the machine text (corrections say where they apply). */
export async function documentPayload(catalog: Catalog, renderer: PageRenderer, docId: string): Promise<Record<string, unknown> | undefined> {
  const loaded = await catalog.record(docId);
  if (!loaded) return undefined;
  const { record, lowTokens } = loaded;
  const { file, states, error } = await catalog.corrections(record);
  const corrected = applyCorrections(record, file).record.fields;
  const pageInfo = await renderer.pages(record).catch(() => []);
  const f = record.fields;
  const items = [
    ...f.references.map((r) => ({ kind: 'reference', text: r.text, provenance: r.provenance })),
    ...f.deadlines.map((d) => ({ kind: 'deadline', text: `${d.date}: ${d.text}`, provenance: d.provenance })),
    ...f.quotas.map((q) => ({ kind: 'quota', text: q.text, provenance: q.provenance })),
    ...f.recipients.map((r) => ({ kind: 'recipient', text: r.value ?? '', provenance: r.provenance })),
  ];
  return {
    docId,
    relPath: record.source.relPath,
    kind: record.source.kind,
    text: record.text,
    pages: record.pages.map((p) => ({ ...p, image: pageInfo.some((i) => i.number === p.number), bboxScale: pageInfo.find((i) => i.number === p.number)?.bboxScale ?? 1 })),
    lowConfidence: { below: record.restoration?.lowConfidence?.below ?? null, tokens: lowTokens, omitted: record.restoration?.lowConfidence?.omitted ?? 0 },
    fields: FIELD_PATHS.map((path) => {
      const machine = fieldAt(record.fields, path);
      const now = fieldAt(corrected, path);
      return { path, label: FIELD_LABELS[path], value: now.value, machineValue: machine.value, confidence: now.confidence, provenance: machine.provenance, humanVerified: now.humanVerified ?? null };
    }),
    items,
    corrections: (file?.corrections ?? []).map((c, i) => ({ ...c, status: states[i]!.status, at: states[i]!.start === undefined ? null : { start: states[i]!.start, end: states[i]!.end } })),
    ...(error ? { correctionsError: error } : {}),
  };
}

function notFound(reply: FastifyReply, what = 'not found'): FastifyReply {
  return reply.code(404).type('application/json').send({ error: what });
}

/** The Fastify app (not listening): tests drive it with inject() or listen on a free port. */
export async function createReviewApp(options: ReviewServerOptions): Promise<{ app: FastifyInstance; renderer: PageRenderer }> {
  const outDir = resolve(options.outDir);
  const host = options.host ?? DEFAULT_HOST;
  checkListenOptions(host, options.token);
  const webDir = options.webDir ?? defaultWebDir();
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new VnplanError('INTERNAL', `the review page is not built (${webDir}/index.html missing); run \`npm run build\``);
  }
  const catalog = new Catalog(outDir);
  const renderer = new PageRenderer(outDir);
  const defaultWho = options.user ?? userInfo().username;
  const token = options.token;
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, routerOptions: { maxParamLength: 200 } });

  app.addHook('onRequest', async (req, reply) => {
    const q = req.url.indexOf('?');
    if (token !== undefined) {
      const presented = presentedToken(req.headers, q >= 0 ? req.url.slice(q + 1) : null);
      if (!tokenMatches(presented, token)) return reply.code(401).type('application/json').send({ error: 'token required' });
      if (q >= 0 && req.method === 'GET' && req.url.startsWith('/?')) {
        // First visit with ?token=: keep it in a cookie the page's later requests carry, and drop it from the address bar.
        return reply.code(303).header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`).header('location', '/').send();
      }
    } else if (!hostHeaderIsLoopback(req.headers.host)) {
      return reply.code(403).type('application/json').send({ error: 'Host is not a loopback name; use --token to serve other hosts' });
    }
    // Writes only from the page itself: a browser names the page's origin on cross-site requests.
    const origin = req.headers.origin;
    if (req.method !== 'GET' && req.method !== 'HEAD' && origin !== undefined && origin !== `http://${req.headers.host}`) {
      return reply.code(403).type('application/json').send({ error: 'cross-origin write refused' });
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setNotFoundHandler((_req, reply) => notFound(reply));
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    void reply.code(status).type('application/json').send({ error: status === 500 ? 'internal error' : err.message });
  });

  // Only the files the bundle has at start-up are served (wildcard off: no path is looked up per request).
  await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'], dotfiles: 'deny', serveDotFiles: false, decorateReply: false });

  app.get('/api/config', async () => ({ user: defaultWho, folder: basename(outDir) }));
  app.get('/api/documents', async () => ({ documents: await catalog.list() }));
  app.get<{ Params: { docId: string } }>('/api/documents/:docId', async (req, reply) => {
    const payload = await documentPayload(catalog, renderer, req.params.docId);
    if (!payload) return notFound(reply, 'no such document');
    const loaded = await catalog.record(req.params.docId);
    if (loaded) renderer.prefetch(loaded.record);
    return payload;
  });
  app.get<{ Params: { docId: string; page: string } }>('/api/documents/:docId/pages/:page', async (req, reply) => {
    if (!/^[1-9]\d{0,5}$/.test(req.params.page)) return notFound(reply);
    const loaded = await catalog.record(req.params.docId);
    if (!loaded) return notFound(reply, 'no such document');
    try {
      const png = await renderer.image(loaded.record, Number(req.params.page));
      renderer.prefetch(loaded.record, Number(req.params.page));
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(png);
    } catch (err) {
      if (err instanceof PageImageError) return reply.code(err.status).type('application/json').send({ error: err.message });
      throw err;
    }
  });
  app.post<{ Params: { docId: string } }>('/api/documents/:docId/corrections', async (req, reply) => {
    const loaded = await catalog.record(req.params.docId);
    if (!loaded) return notFound(reply, 'no such document');
    const parsed = CorrectionRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      return reply.code(400).send({ error: 'invalid correction', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    try {
      const correction = await addCorrection(outDir, loaded.record, parsed.data, defaultWho);
      return { correction, document: await documentPayload(catalog, renderer, req.params.docId) };
    } catch (err) {
      if (err instanceof CorrectionConflict) return reply.code(409).send({ error: err.message });
      if (err instanceof CorrectionsFileError) return reply.code(409).send({ error: `${err.message}; fix or move the file first` });
      throw err;
    }
  });
  app.delete<{ Params: { docId: string; id: string } }>('/api/documents/:docId/corrections/:id', async (req, reply) => {
    const loaded = await catalog.record(req.params.docId);
    if (!loaded || !/^[A-Za-z0-9_-]{1,64}$/.test(req.params.id)) return notFound(reply);
    if (!(await removeCorrection(outDir, loaded.record.docId, req.params.id))) return notFound(reply, 'no such correction');
    return { document: await documentPayload(catalog, renderer, req.params.docId) };
  });
  app.addHook('onClose', async () => renderer.close());
  renderer.warmUp();
  return { app, renderer };
}

export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const { app } = await createReviewApp(options);
  const host = options.host ?? DEFAULT_HOST;
  await app.listen({ host, port: options.port ?? DEFAULT_PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_PORT);
  const shown = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shown}:${port}/`, close: () => app.close() };
}
