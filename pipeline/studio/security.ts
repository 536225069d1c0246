/**
 * Who may talk to the workbench: only a page this server served, in a browser on this machine.
 *
 * - The server listens on 127.0.0.1 only.
 * - A random token is made at every start and printed in the address (`/?token=…`); opening that
 *   address sets it as an HttpOnly, SameSite=Strict cookie, and every request must carry it
 *   (cookie, or the `X-Jejaring-Token` header for scripts). Without it: 403.
 * - The Host header must name this server (127.0.0.1 or localhost with its port): a page of
 *   another site whose name was pointed at 127.0.0.1 (DNS rebinding) is refused.
 * - A request with an Origin (every fetch that changes something sends one) must come from this
 *   server's own origin; a request that changes something must carry one, or the token header:
 *   a form on another site (cross-site request) is refused even with the cookie.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Guard {
  token: string;
  cookieName: string;
  port: number;
}

export const newToken = () => randomBytes(24).toString('base64url');

/** The cookie is per port: two workbenches on one machine keep their own. */
export const cookieName = (port: number) => `jejaring-studio-${port}`;

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

export const hosts = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];
export const origins = (port: number) => hosts(port).map((h) => `http://${h}`);

/** Why a request is refused (an error code), or null when it may go on. `urlToken` is the `?token=` of the address. */
export function refusal(
  req: IncomingMessage,
  guard: Guard,
  urlToken: string | null,
): 'STUDIO_HOST' | 'STUDIO_ORIGIN' | 'STUDIO_TOKEN' | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts(guard.port).includes(host)) return 'STUDIO_HOST';
  const origin = req.headers.origin;
  if (origin !== undefined && !origins(guard.port).includes(origin.toLowerCase())) return 'STUDIO_ORIGIN';
  const header = req.headers['x-jejaring-token'];
  const fromHeader = typeof header === 'string' && same(header, guard.token);
  const changes = req.method !== 'GET' && req.method !== 'HEAD';
  if (changes && origin === undefined && !fromHeader) return 'STUDIO_ORIGIN';
  const fromCookie = same(cookies(req).get(guard.cookieName) ?? '', guard.token);
  const fromUrl = urlToken !== null && req.method === 'GET' && same(urlToken, guard.token);
  return fromCookie || fromHeader || fromUrl ? null : 'STUDIO_TOKEN';
}

export const sessionCookie = (guard: Guard) => `${guard.cookieName}=${guard.token}; HttpOnly; SameSite=Strict; Path=/`;
