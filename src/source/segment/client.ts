/**
 * One HTTP GET against the Segment Public API: the only file that imports undici. It neither retries nor
 * interprets statuses; it returns what came back or throws a TransportError whose message and cause are redacted.
 */
import type { Dispatcher } from 'undici';
import { redact } from './redact.js';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

export type TransportKind = 'timeout' | 'reset' | 'network';

/** The request never produced a complete answer (timeout, reset connection, truncated body, refused). */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  dispatcher?: Dispatcher;
  requestTimeoutMs: number;
  /** Aborts every request in flight (the collection stopped: failure, deadline). */
  cancel?: AbortSignal;
}

export type HttpGet = (pathAndQuery: string) => Promise<HttpResponse>;

export function createHttpGet(options: ClientOptions): HttpGet {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = {
    authorization: `Bearer ${options.token}`,
    accept: 'application/json',
    'user-agent': 'uar-check',
  };
  return async (pathAndQuery) => {
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = options.cancel ? AbortSignal.any([timeout, options.cancel]) : timeout;
    try {
      const { request } = await import('undici'); // loaded by the first request: runs from a snapshot never need it
      const res = await request(`${base}${pathAndQuery}`, {
        method: 'GET',
        headers,
        signal,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: flatten(res.headers), text };
    } catch (thrown) {
      throw toTransportError(thrown, timeout.aborted, options);
    }
  };
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const RESET_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);

function toTransportError(thrown: unknown, timedOut: boolean, options: ClientOptions): TransportError {
  const err = thrown instanceof Error ? thrown : plainError(thrown);
  const code = errorCode(err);
  const detail = redact(`${err.name}${code ? ` ${code}` : ''}: ${err.message}`, options.token);
  // Never keep undici's error object: it can carry the request (and its headers).
  const cause = Object.assign(new Error(detail), { code });
  if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TransportError('timeout', `no complete answer within ${options.requestTimeoutMs} ms`, { cause });
  }
  if (code && RESET_CODES.has(code)) return new TransportError('reset', `connection reset (${code})`, { cause });
  return new TransportError('network', `request failed (${code ?? err.name})`, { cause });
}

/** Some transports (and mocks) reject with plain objects such as `{ code, message }`. */
function plainError(thrown: unknown): Error {
  const o = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as { code?: unknown; message?: unknown };
  const err = new Error(typeof o.message === 'string' ? o.message : String(thrown));
  if (typeof o.code === 'string') Object.assign(err, { code: o.code });
  return err;
}

function errorCode(err: Error): string | undefined {
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const inner = (err as { cause?: { code?: unknown } }).cause?.code;
  return typeof inner === 'string' ? inner : undefined;
}
