/**
 * The review server over a real run output folder: list, document, page images, traversal,
 * token, host check, corrections (validation, atomic file, re-application after run --force)
 * and their effect on export and query.
 */
import { request } from 'node:http';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReviewWeb } from '../../tools/build/review-web.js';
import { CorrectionsFileSchema } from '../../src/corrections/schema.js';
import { exportArchive } from '../../src/export/export.js';
import { QueryIndex } from '../../src/query/query.js';
import { createReviewApp, startReviewServer, type ReviewServer } from '../../src/review/server.js';
import { tempDir } from '../e2e/helpers.js';
import { makeReviewFolder, rerun, type ReviewFolder } from './helpers.js';

let folder: ReviewFolder;
let server: ReviewServer;
let webDir: string;

/** A GET with the path sent exactly as written (no client-side normalisation of ../). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

type Doc = { text: string; lowConfidence: { tokens: { start: number; end: number; output: string; alternatives: { output: string }[] }[] }; corrections: { id: string; status: string; value: string }[]; fields: { path: string; value: string | null; machineValue: string | null; humanVerified: unknown }[]; pages: { number: number; image: boolean }[] };

async function getDoc(docId: string): Promise<Doc> {
  return (await (await fetch(new URL(`/api/documents/${docId}`, server.url))).json()) as Doc;
}

beforeAll(async () => {
  webDir = await buildReviewWeb(join(tempDir('review-web'), 'web'));
  folder = await makeReviewFolder();
  server = await startReviewServer({ outDir: folder.outDir, port: 0, user: 'tester', webDir });
});

afterAll(async () => {
  await server?.close();
});

describe('vnplan review server', () => {
  it('lists every document with status, failure code and remedy, and low-confidence counts', async () => {
    const { documents } = (await (await fetch(new URL('/api/documents', server.url))).json()) as { documents: Record<string, unknown>[] };
    const byId = new Map(documents.map((d) => [d.docId, d]));
    expect(byId.size).toBe(3);
    expect(byId.get(folder.emptyId)).toMatchObject({ status: 'failed', error: { code: 'INPUT_EMPTY', remedy: expect.stringContaining('Re-export') } });
    expect(byId.get(folder.planId)!.lowConfidence).toBeGreaterThan(0);
    expect(byId.get(folder.pdfId)).toMatchObject({ status: 'ok', kind: 'pdf-text', documentType: 'Kế hoạch' });
  });

  it('serves a document with its low-confidence tokens and alternatives, and page images of the PDF', async () => {
    const doc = await getDoc(folder.planId);
    const t = doc.lowConfidence.tokens[0]!;
    expect(doc.text.slice(t.start, t.end)).toBe(t.output);
    expect(doc.lowConfidence.tokens.some((x) => x.alternatives.length > 0)).toBe(true);
    const pdf = await getDoc(folder.pdfId);
    expect(pdf.pages[0]!.image).toBe(true);
    const png = await fetch(new URL(`/api/documents/${folder.pdfId}/pages/1`, server.url));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect(readdirSync(join(folder.outDir, '.vnplan-review', 'pages', folder.pdfId)).length).toBeGreaterThan(0);
    expect((await fetch(new URL(`/api/documents/${folder.pdfId}/pages/99`, server.url))).status).toBe(404);
    expect((await fetch(new URL(`/api/documents/${folder.planId}/pages/1`, server.url))).status).toBe(404);
  });

  it('answers 404 to every path outside the bundle and the API (traversal)', async () => {
    const paths = [
      '/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/app.js/../../../package.json',
      '/api/documents/..%2F..%2F..%2Fetc%2Fpasswd', `/api/documents/${folder.planId}/pages/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/api/documents/${folder.planId}/pages/1%2F..%2F..`, '/api/documents/..', '/index.jsonl', '/run-report.json', `/${folder.planId}.json`,
      `/corrections/${folder.planId}.json`, '/.vnplan-review/pages', '/%2fetc%2fpasswd', '//etc/passwd', '/package.json', '/src/review/server.ts',
    ];
    for (const path of paths) {
      const res = await rawGet(server.url, path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.body).not.toContain('root:');
    }
  });

  it('never serves a file a tampered record points at: the source must hash to the recorded sha256', async () => {
    const outDir = tempDir('review-tamper');
    const record = JSON.parse(readFileSync(join(folder.outDir, `${folder.pdfId}.json`), 'utf8')) as { source: { path: string } };
    record.source.path = '/etc/passwd';
    writeFileSync(join(outDir, `${folder.pdfId}.json`), JSON.stringify(record));
    const { app } = await createReviewApp({ outDir, webDir });
    const res = await app.inject({ url: `/api/documents/${folder.pdfId}/pages/1`, headers: { host: '127.0.0.1' } });
    expect(res.statusCode).toBe(409);
    expect(res.body).not.toContain('root:');
    await app.close();
  });

  it('needs --token off loopback; then every request must carry it; without one, Host must be loopback', async () => {
    await expect(createReviewApp({ outDir: folder.outDir, host: '0.0.0.0', webDir })).rejects.toThrow(/requires --token/);
    await expect(createReviewApp({ outDir: folder.outDir, host: '0.0.0.0', token: 'short', webDir })).rejects.toThrow(/at least 16/);
    const token = '0123456789abcdef0123';
    const { app } = await createReviewApp({ outDir: folder.outDir, host: '0.0.0.0', token, webDir });
    expect((await app.inject({ url: '/api/documents' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/documents', headers: { authorization: 'Bearer wrong-token-wrong-token' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/documents', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/documents', headers: { 'x-vnplan-token': token } })).statusCode).toBe(200);
    const first = await app.inject({ url: `/?token=${token}` });
    expect(first.statusCode).toBe(303);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toContain('vnplan_review_token=');
    expect((await app.inject({ url: '/app.js', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/documents/${folder.pdfId}/pages/1`, headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/%2e%2e/%2e%2e/etc/passwd', headers: { cookie } })).statusCode).toBe(404);
    await app.close();
    expect((await rawGet(server.url, '/api/documents', { host: 'attacker.example:8080' })).status).toBe(403);
    expect((await rawGet(server.url, '/api/documents', { host: `localhost:${new URL(server.url).port}` })).status).toBe(200);
    const crossSite = await fetch(new URL(`/api/documents/${folder.planId}/corrections`, server.url), { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://attacker.example' }, body: '{}' });
    expect(crossSite.status).toBe(403);
  });

  it('validates corrections against the schema and the record', async () => {
    const doc = await getDoc(folder.planId);
    const t = doc.lowConfidence.tokens[0]!;
    const base = { target: 'text', start: t.start, end: t.end, original: t.output, value: 'x', action: 'type' };
    expect((await post(`/api/documents/${folder.planId}/corrections`, { ...base, extra: 1 })).status).toBe(400);
    expect((await post(`/api/documents/${folder.planId}/corrections`, { ...base, action: 'guess' })).status).toBe(400);
    expect((await post(`/api/documents/${folder.planId}/corrections`, { ...base, value: '' })).status).toBe(400);
    expect((await post(`/api/documents/${folder.planId}/corrections`, { ...base, original: `${t.output}x` })).status).toBe(409);
    expect((await post(`/api/documents/${folder.planId}/corrections`, { ...base, start: t.start + 1 })).status).toBe(409);
    expect((await post(`/api/documents/${folder.planId}/corrections`, { ...base, action: 'accept' })).status).toBe(409);
    expect((await post(`/api/documents/${folder.planId}/corrections`, { target: 'field', field: 'issueDate', original: null, value: '7/12/2026' })).status).toBe(409);
    expect((await post(`/api/documents/${folder.planId}/corrections`, { target: 'field', field: 'source.path', original: null, value: '/etc' })).status).toBe(400);
    expect((await post('/api/documents/nope/corrections', base)).status).toBe(404);
    const bad = await fetch(new URL(`/api/documents/${folder.planId}/corrections`, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"target":' });
    expect(bad.status).toBe(400);
    expect(existsSync(join(folder.outDir, 'corrections', `${folder.planId}.json`))).toBe(false);
  });

  it('keeps corrections in corrections/<docId>.json, applies them in export and query, and re-applies them after run --force', async () => {
    const doc = await getDoc(folder.planId);
    const t = doc.lowConfidence.tokens.find((x) => x.alternatives.length > 0)!;
    const value = t.alternatives[0]!.output;
    const added = await post(`/api/documents/${folder.planId}/corrections`, { target: 'text', start: t.start, end: t.end, original: t.output, value, action: 'pick', who: 'Lan' });
    expect(added.status).toBe(200);
    const field = doc.fields.find((f) => f.path === 'number')!;
    expect((await post(`/api/documents/${folder.planId}/corrections`, { target: 'field', field: 'number', original: field.machineValue, value: '99/KH-TEST' })).status).toBe(200);
    const file = CorrectionsFileSchema.parse(JSON.parse(readFileSync(join(folder.outDir, 'corrections', `${folder.planId}.json`), 'utf8')));
    expect(file.corrections).toHaveLength(2);
    expect(file.corrections[0]).toMatchObject({ who: 'Lan', value, original: t.output, machine: { input: expect.any(String) } });
    expect(file.corrections[1]).toMatchObject({ who: 'tester', value: '99/KH-TEST' });

    const exported = async () => {
      const dest = tempDir('review-export');
      await exportArchive(folder.outDir, 'jsonl', dest);
      const rows = (name: string) => readFileSync(join(dest, `${name}.jsonl`), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      return { documents: rows('documents'), corrections: rows('corrections') };
    };
    let out = await exported();
    expect(out.documents.find((d) => d.docId === folder.planId)).toMatchObject({ number: '99/KH-TEST', humanVerified: 1, corrections: 2, staleCorrections: 0 });
    expect(out.corrections.find((c) => c.target === 'text')).toMatchObject({ docId: folder.planId, original: t.output, value, status: 'applied', action: 'pick', who: 'Lan' });
    const { index } = await QueryIndex.open(folder.outDir);
    const found = (await index.query({ limit: 0 })).results.find((r) => r.docId === folder.planId)!;
    expect(found).toMatchObject({ number: '99/KH-TEST', humanVerified: true });

    await rerun(folder);
    const after = await getDoc(folder.planId);
    expect(after.corrections.map((c) => c.status)).toEqual(['applied', 'applied']);
    out = await exported();
    expect(out.corrections.map((c) => c.status)).toEqual(['applied', 'applied']);

    // The input changes above the token: the correction follows its context.
    writeFileSync(join(folder.inDir, 'plan.txt'), `Dong them o dau.\n${folder.planText}`);
    await rerun(folder);
    const moved = await getDoc(folder.planId);
    expect(moved.corrections[0]).toMatchObject({ status: 'moved', value });
    const onlyTokens = tempDir('review-training');
    await exportArchive(folder.outDir, 'jsonl', onlyTokens, { correctionsOnly: true });
    expect(readdirSync(onlyTokens)).toEqual(['corrections.jsonl']);
    const training = readFileSync(join(onlyTokens, 'corrections.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(training).toHaveLength(1);
    expect(training[0]).toMatchObject({ target: 'text', original: t.output, value, changed: 1 });

    // The token's own text changes: the correction is kept and flagged, not applied.
    const changed = `Dong them o dau.\n${folder.planText.slice(0, t.start)}${'Z'.repeat(t.end - t.start)}${folder.planText.slice(t.end)}`;
    writeFileSync(join(folder.inDir, 'plan.txt'), changed);
    await rerun(folder);
    const stale = await getDoc(folder.planId);
    expect(stale.corrections[0]!.status).toBe('stale');
    expect(stale.text).toContain('Z'.repeat(t.end - t.start));
    const list = (await (await fetch(new URL('/api/documents', server.url))).json()) as { documents: { docId: string; stale: number }[] };
    expect(list.documents.find((d) => d.docId === folder.planId)!.stale).toBe(1);
    expect(JSON.parse(readFileSync(join(folder.outDir, 'corrections', `${folder.planId}.json`), 'utf8')).corrections).toHaveLength(2);
  });
});
