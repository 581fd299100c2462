// One Content-Security-Policy for the app:// protocol, the built index.html and the test transport.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const APP_SCHEME = 'app';
export const APP_HOST = 'ombudsdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
