// The app version, injected by the build (esbuild define) and read from package.json in tests.
declare const __ZONEDESK_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __ZONEDESK_VERSION__ === 'string' ? __ZONEDESK_VERSION__ : '0.0.0-dev';
