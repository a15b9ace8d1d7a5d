// The loopback host ("browser mode"): serves the built renderer and answers the contract as
// POST /api/<call name> on 127.0.0.1 only, behind a per-launch random token and a Host-header check
// (which defeats DNS-rebinding pages). It dispatches into the same handler table as Electron's IPC.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { HandlerContext } from '../main/context';
import { dispatch } from '../main/dispatch';
import { buildCsp, createStyleNonce, resolveAppPath } from '../security';
import { STYLE_NONCE_PLACEHOLDER } from '../main/renderer-page';

export interface HostOptions {
  readonly port?: number;
  readonly rendererDir: string;
  readonly token?: string;
  /** Largest request body accepted (an import of a big paste is the largest legitimate one). */
  readonly maxBodyBytes?: number;
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json', '.ico': 'image/x-icon',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': data.length, 'cache-control': 'no-store' });
  res.end(data);
}

export function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

export async function startHost(ctx: HandlerContext, opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  const listeners = new Set<http.ServerResponse>();
  const emit = ctx.emit;
  // Events reach browser pages over Server-Sent Events on the same token.
  (ctx as { emit: HandlerContext['emit'] }).emit = (event, payload) => {
    emit(event, payload);
    const line = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of listeners) res.write(line);
  };
  let port = 0;

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host, port)) {
      sendJson(res, 403, { ok: false, error: { code: 'unauthorized', message: '拒绝访问：Host 不正确' } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, url).catch(() => sendJson(res, 500, { ok: false, error: { code: 'internal', message: '内部错误' } }));
      return;
    }
    serveStatic(req, res, url);
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const authorized = tokenMatches(req.headers.authorization, token)
      || (url.pathname === '/api/events' && url.searchParams.get('token') === token);
    if (!authorized) {
      sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: '未授权：缺少或错误的访问令牌' } });
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: '只接受 POST 请求' } });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message: '请求内容过大' } });
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    let input: unknown;
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: '请求内容不是有效的JSON' } });
      return;
    }
    const name = decodeURIComponent(url.pathname.slice('/api/'.length));
    const result = await dispatch(name, input, ctx);
    sendJson(res, result.ok ? 200 : result.error.code === 'unknown_call' ? 404 : 400, result);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const rel = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = resolveAppPath(opts.rendererDir, `app://bundle${rel}`);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
      return;
    }
    // index.html gets a fresh style nonce per load: AG Grid injects its theme as <style nonce=…>.
    const isPage = path.extname(file) === '.html';
    const nonce = isPage ? createStyleNonce() : undefined;
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': buildCsp({ styleNonce: nonce }),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else if (isPage) res.end(fs.readFileSync(file, 'utf8').replaceAll(STYLE_NONCE_PLACEHOLDER, nonce!));
    else fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => {
      for (const res of listeners) res.end();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
