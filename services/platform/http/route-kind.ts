import type { FastifyRequest } from 'fastify';

function decodedPath(url: string): string {
  const path = url.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Whether the request is for the JSON API, read from the route the router matched, never from the
 * raw URL: `/%61pi/...` reaches an API route while its raw text does not start with `/api/`.
 * Only an unmatched request (a 404) falls back to its decoded path.
 */
export function isApiRoute(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return (route ?? decodedPath(request.url)).startsWith('/api/');
}
