import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/http-host';
import { createContext } from '../../electron/main/app-context';
import { registerFingerprint, tempDir } from '../helpers/temp';

let host: RunningHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function start() {
  const dir = tempDir();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<meta name="zonedesk-style-nonce" content="__ZONEDESK_STYLE_NONCE__">');
  const ctx = createContext(dir);
  host = await startHost(ctx, { rendererDir });
  return { ctx, port: host.port, token: host.token };
}

describe('the loopback host', () => {
  it('listens on 127.0.0.1 with a random per-launch token in the printed address', async () => {
    const { port, token } = await start();
    expect(host!.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('answers the contract with a valid token', async () => {
    const { port, token } = await start();
    const res = await request(port, { path: '/api/stats.get', headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` }, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).data.agencies.total).toBe(26);
  });

  it('refuses a missing or wrong token with 401 and changes nothing', async () => {
    const { ctx, port } = await start();
    const before = registerFingerprint(ctx.store);
    const body = JSON.stringify({ edits: [{ id: 1, field: 'short_name', value: '被篡改' }] });
    for (const authorization of [undefined, 'Bearer wrong', 'Basic abc', `Bearer ${'x'.repeat(32)}`]) {
      const headers: Record<string, string> = { host: `127.0.0.1:${port}` };
      if (authorization) headers.authorization = authorization;
      const res = await request(port, { path: '/api/agencies.update', headers, body });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error.message).toMatch(/未授权/);
    }
    expect(registerFingerprint(ctx.store)).toBe(before);
  });

  it('refuses a forged Host header (DNS rebinding) even with the right token', async () => {
    const { ctx, port, token } = await start();
    const before = registerFingerprint(ctx.store);
    const res = await request(port, { path: '/api/agencies.update', headers: { host: `evil.example:${port}`, authorization: `Bearer ${token}` }, body: JSON.stringify({ edits: [{ id: 1, field: 'note', value: 'x' }] }) });
    expect(res.status).toBe(403);
    expect(registerFingerprint(ctx.store)).toBe(before);
  });

  it('answers bad JSON and unknown calls with structured errors', async () => {
    const { port, token } = await start();
    const headers = { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` };
    const bad = await request(port, { path: '/api/stats.get', headers, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'invalid_input', message: '请求内容不是有效的JSON' });
    const unknown = await request(port, { path: '/api/system.exec', headers, body: '{}' });
    expect(unknown.status).toBe(404);
  });

  it('serves the page with a CSP carrying a fresh style nonce, and nothing outside the renderer folder', async () => {
    const { port } = await start();
    const page1 = await request(port, { method: 'GET', path: '/', headers: { host: `127.0.0.1:${port}` } });
    const page2 = await request(port, { method: 'GET', path: '/', headers: { host: `127.0.0.1:${port}` } });
    const nonce = /content="([^"]+)"/.exec(page1.body)![1];
    expect(nonce).not.toBe('__ZONEDESK_STYLE_NONCE__');
    expect(page1.headers['content-security-policy']).toContain(`'nonce-${nonce}'`);
    expect(page1.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page2.body).not.toBe(page1.body);
    for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd']) {
      const res = await request(port, { method: 'GET', path: p, headers: { host: `127.0.0.1:${port}` } });
      expect(res.status, p).toBe(404);
    }
  });
});
