// Serves the renderer from app://ombudsdesk/ (privileged before ready, handled after), with the CSP on every response.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeOf, resolveAppPath } from './app-path.ts';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './csp.ts';

export { resolveAppPath } from './app-path.ts';

/** Must run before the app is ready, or the scheme gets no fetch, storage or secure-context rights (ELECTRON-NOTES 2). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export function setupAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererRoot, request.url);
    if (!file) return notFound();
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeOf(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return notFound();
    }
  });
}
