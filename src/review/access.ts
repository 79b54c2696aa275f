/**
 * Who may talk to the review server. By default it listens on 127.0.0.1 only; listening on any
 * other address requires a token, and every request must then carry it (Authorization: Bearer,
 * the X-Vnplan-Token header, or the cookie the page sets after the first `/?token=` visit).
 * Without a token, requests must name a loopback Host: a web page elsewhere cannot reach the
 * server through DNS rebinding.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { VnplanError } from '../errors.js';

export const TOKEN_COOKIE = 'vnplan_review_token';
export const TOKEN_HEADER = 'x-vnplan-token';
/** Shortest token accepted: a guessable token would make --host pointless. */
export const MIN_TOKEN_LENGTH = 16;

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1' || h === '::ffff:127.0.0.1';
}

/** Checks the listen address and token together (USAGE errors the CLI reports). */
export function checkListenOptions(host: string, token: string | undefined): void {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new VnplanError('USAGE', `--token must be at least ${MIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 16\`)`);
  }
  if (!isLoopbackHost(host) && token === undefined) {
    throw new VnplanError('USAGE', `listening on ${host} (not loopback) requires --token; every request must then carry it`);
  }
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison of a presented token with the expected one. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), digest(expected));
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The token a request carries, in any of the accepted places (the query string only for the first page load). */
export function presentedToken(headers: Record<string, string | string[] | undefined>, query: string | null): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer /i.test(auth)) return auth.slice(7).trim();
  const header = headers[TOKEN_HEADER];
  if (typeof header === 'string') return header;
  const cookie = cookieValue(typeof headers.cookie === 'string' ? headers.cookie : undefined, TOKEN_COOKIE);
  if (cookie !== undefined) return cookie;
  return query === null ? undefined : (new URLSearchParams(query).get('token') ?? undefined);
}

/** Host header of a request to a loopback listener: a loopback name, any port. */
export function hostHeaderIsLoopback(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
  return isLoopbackHost(host);
}
