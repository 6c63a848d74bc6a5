/**
 * A small HTTP proxy on 127.0.0.1 in front of the Segment look-alike that injects transport and server faults
 * the look-alike's own switches (src/lookalike/variants.ts) do not: answers it makes up (429s with any headers,
 * HTML error pages), truncated bodies, connections reset in the middle of a body, bodies dripped a few bytes at
 * a time, rewritten JSON, and requests never answered. `decide` picks the fault for each request from its
 * number and how often its URL was asked before, so a fault can hit the first attempts only (the client should
 * recover) or every attempt (the client should give up with one line).
 */
import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ProxyAction =
  | 'forward'
  | 'hang'
  /** The upstream answer cut in half, with a content-length that matches the half (valid HTTP, broken JSON). */
  | 'truncate'
  /** The upstream answer's full content-length announced, half the body sent, then the connection destroyed. */
  | 'reset-mid-body'
  | { answer: { status: number; headers?: Record<string, string>; body: string } }
  | { drip: { bytes: number; everyMs: number } }
  /** The upstream JSON body edited (its content-length follows), and headers replaced. */
  | { rewrite: (body: unknown) => unknown; headers?: Record<string, string> };

export interface ProxyRequest {
  /** 1-based, over all requests. */
  n: number;
  /** 1-based: how many times this URL (path and query) was asked, this request included. */
  attempt: number;
  method: string;
  /** Path and query, e.g. "/users?pagination%5Bcount%5D=200". */
  url: string;
}

export interface FaultProxy {
  url: string;
  requests(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(
  target: string,
  decide: (request: ProxyRequest) => ProxyAction,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const attempts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let n = 0;

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const attempt = (attempts.get(url) ?? 0) + 1;
    attempts.set(url, attempt);
    n += 1;
    const action = decide({ n, attempt, method: req.method ?? 'GET', url });
    req.resume();
    if (action === 'hang') return; // accepted, never answered
    if (typeof action === 'object' && 'answer' in action) {
      const { status, headers = {}, body } = action.answer;
      res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
      res.end(body);
      return;
    }
    forward(req.method ?? 'GET', url, req.headers, (status, headers, body) => {
      if (action === 'forward') {
        res.writeHead(status, { ...headers, 'content-length': body.length });
        res.end(body);
      } else if (action === 'truncate') {
        const half = body.subarray(0, Math.floor(body.length / 2));
        res.writeHead(status, { ...headers, 'content-length': half.length });
        res.end(half);
      } else if (action === 'reset-mid-body') {
        res.writeHead(status, { ...headers, 'content-length': body.length });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      } else if ('drip' in action) {
        res.writeHead(status, { ...headers, 'content-length': body.length });
        let sent = 0;
        const tick = setInterval(() => {
          if (res.destroyed || sent >= body.length) {
            clearInterval(tick);
            timers.delete(tick);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(body.subarray(sent, sent + action.drip.bytes));
          sent += action.drip.bytes;
        }, action.drip.everyMs);
        timers.add(tick);
      } else {
        const edited = Buffer.from(JSON.stringify(action.rewrite(JSON.parse(body.toString('utf8')))));
        res.writeHead(status, { ...headers, ...action.headers, 'content-length': edited.length });
        res.end(edited);
      }
    }).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  /** Reads the whole upstream answer, then hands it over. */
  function forward(
    method: string,
    url: string,
    headers: IncomingHttpHeaders,
    send: (status: number, headers: IncomingHttpHeaders, body: Buffer) => void,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method,
          path: url,
          headers: { ...headers, host: upstream.host },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('error', reject);
          answer.on('end', () => {
            const {
              'content-length': _length,
              'transfer-encoding': _encoding,
              connection: _c,
              ...kept
            } = answer.headers;
            send(answer.statusCode ?? 502, kept, Buffer.concat(chunks));
            resolve();
          });
        },
      );
      out.on('error', reject);
      out.end();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => n,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearInterval(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
