// The renderer's only way to the main process: api.call(name, input) over the one contract.
// In Electron the preload exposes window.zonedesk; in browser mode calls go to the loopback host with
// the per-launch token taken from the address the page was opened with.
import type { CallInput, CallName, CallOutput, EventName } from '../../shared/contract';
import type { AppErrorShape, CallResult } from '../../shared/errors';

interface Bridge {
  call(name: string, input: unknown): Promise<CallResult<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    zonedesk?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
  }
}

function httpBridge(): Bridge {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  return {
    async call(name, input) {
      const res = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as CallResult<unknown>;
    },
    on(event, cb) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      const listener = (e: MessageEvent) => cb(JSON.parse(e.data as string));
      source.addEventListener(event, listener);
      return () => source.close();
    },
  };
}

const bridge: Bridge = window.zonedesk ?? httpBridge();

export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await bridge.call(name, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.data as CallOutput<N>;
}

export function onEvent(event: EventName, cb: (payload: unknown) => void): () => void {
  return bridge.on(event, cb);
}

export function styleNonce(): string | undefined {
  const v = document.querySelector('meta[name="zonedesk-style-nonce"]')?.getAttribute('content');
  return v && !v.startsWith('__') ? v : undefined;
}
