import type { FastifyRequest } from 'fastify';
import pino from 'pino';

/**
 * Personal data kept out of logs, whatever a client or a driver puts in a URL or an error: ID
 * numbers (18 characters, or the old 15 digits) and mainland mobile numbers are censored in
 * request URLs, in error messages and, as a last net, in every line written. Routes whose query
 * itself is a search for a person (`config.personalData`) lose their whole query string.
 */
export const CENSOR = '[redacted]';

// Letters, digits and dots before or after are part of something else (hashes, uuids, decimals).
const ID_NUMBER = /(?<![\w.])(?:\d{17}[\dXx]|\d{15})(?!\w)/g;
const MOBILE = /(?<![\w.])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\w)/g;

export function scrubPersonalText(text: string): string {
  return text.replace(ID_NUMBER, CENSOR).replace(MOBILE, CENSOR);
}

/** A query value as people type it (spaces, dashes, +86) that is an ID or mobile number. */
export function looksPersonal(value: string): boolean {
  const compact = value.replace(/[\s-]/g, '');
  return /^(?:\d{17}[\dXx]|\d{15})$/.test(compact) || /^(?:\+?86)?1[3-9]\d{9}$/.test(compact);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** The URL as it may be logged: path scrubbed, query values that identify a person censored. */
export function redactUrl(url: string, personalRoute = false): string {
  const at = url.indexOf('?');
  const path = scrubPersonalText(at < 0 ? url : url.slice(0, at));
  if (at < 0) return path;
  if (personalRoute) return `${path}?${CENSOR}`;
  const pairs = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return looksPersonal(decode(pair)) ? CENSOR : scrubPersonalText(pair);
      const value = pair.slice(eq + 1);
      return `${scrubPersonalText(pair.slice(0, eq))}=${looksPersonal(decode(value)) ? CENSOR : scrubPersonalText(value)}`;
    });
  return `${path}?${pairs.join('&')}`;
}

/** Fastify's request serializer, with the URL redacted (the body is never logged). */
export function serializeRequest(request: FastifyRequest) {
  const personal = request.routeOptions?.config?.personalData === true;
  return {
    method: request.method,
    url: redactUrl(request.url, personal),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubPersonalText(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, depth + 1)]));
}

/** pino's error serializer, with messages, stacks and driver details scrubbed (a unique violation names the value). */
export function serializeError(error: Error): pino.SerializedError {
  return scrubDeep(pino.stdSerializers.err(error)) as pino.SerializedError;
}
