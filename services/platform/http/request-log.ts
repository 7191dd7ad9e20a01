import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

const errorCodes = new WeakMap<FastifyReply, string>();

/** The error code a reply answered with, for its request line (the message may echo input: debug only). */
export function noteErrorCode(reply: FastifyReply, code: string): void {
  errorCodes.set(reply, code);
}

/** Assets and health probes: a page pulls a dozen assets and a balancer probes every few seconds. */
export function isQuietRequest(url: string): boolean {
  return url.startsWith('/static/') || url === '/favicon.ico' || url === '/healthz' || url === '/readyz';
}

/**
 * One log line per request, written when the response is finished, instead of Fastify's two
 * ("incoming request" and "request completed"). Static assets and health probes go at debug, so an
 * info log holds what people and clients asked for; a request that errored is logged at error.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const responseTime = Math.round(reply.elapsedTime * 10) / 10;
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime }, 'request errored');
      return;
    }
    const level = isQuietRequest(request.url.split('?')[0] ?? '') ? 'debug' : 'info';
    const code = errorCodes.get(reply);
    reply.log[level]({ req: request, res: reply, responseTime, ...(code ? { code } : {}) }, 'request completed');
  }
}
