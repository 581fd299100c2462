// Maps app://ombudsdesk/<path> to a file inside the renderer folder, refusing anything that could leave it.
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './csp.ts';

// Scheme, raw authority and raw path, read before any URL parser folds dot segments or decodes escapes.
const RAW_APP_URL = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?(?:[?#].*)?$/is;
// Encoded dots, slashes, backslashes and NUL have no business in our asset names: refuse rather than decode them.
const SUSPICIOUS_RAW = /%2e|%2f|%5c|%00|\\|\0|\/\//i;

/** The file a request for app://ombudsdesk/... may read, or null when the URL is not a plain path inside rendererRoot. */
export function resolveAppPath(rendererRoot: string, requestUrl: string): string | null {
  const raw = RAW_APP_URL.exec(requestUrl);
  if (!raw || raw[1]!.toLowerCase() !== APP_SCHEME || raw[2]!.toLowerCase() !== APP_HOST) return null;
  const rawPath = raw[3] ?? '/';
  if (SUSPICIOUS_RAW.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  // "..", ".", ":" (drive letters, Windows alternate data streams) and a second layer of escapes are never in a built asset path.
  if (segments.some((segment) => segment === '..' || segment === '.' || /[:%]/.test(segment))) return null;
  const root = path.resolve(rendererRoot);
  const resolved = path.resolve(root, segments.length === 0 ? 'index.html' : segments.join('/'));
  if (!resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
