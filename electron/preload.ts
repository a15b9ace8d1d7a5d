// Preload (sandboxed, CommonJS): exposes exactly two functions to the page. Never ipcRenderer itself,
// never the raw event, and only the allow-listed event names.
import { contextBridge, ipcRenderer } from 'electron';
import { EVENTS } from '../shared/contract';

contextBridge.exposeInMainWorld('zonedesk', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('zonedesk:call', String(name), input),
  on: (event: string, callback: (payload: unknown) => void) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`不允许监听的事件：${event}`);
    const channel = `zonedesk:event:${event}`;
    const listener = (_e: unknown, payload: unknown) => callback(payload);
    ipcRenderer.on(channel, listener);
    return () => ipcRenderer.removeListener(channel, listener);
  },
});
