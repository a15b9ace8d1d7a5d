// The built index.html carries this placeholder in <meta name="zonedesk-style-nonce">; whoever serves
// the page (the loopback host, or Electron's app:// protocol) replaces it with a fresh nonce per load and
// puts the same nonce in the CSP header.
export const STYLE_NONCE_PLACEHOLDER = '__ZONEDESK_STYLE_NONCE__';
