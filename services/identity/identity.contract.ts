import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { Role } from '../platform/database/generated/enums.ts';

export const RoleSchema = z.enum(Role);

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    role: RoleSchema,
    displayName: z.string(),
    regionCode: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const LoginBodySchema = z.object({
  username: z.string().trim().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(256),
});

export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: UserSchema,
});

export const loginRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/login',
  auth: auth.public,
  summary: 'Exchange a username and password for a bearer token',
  tags: ['identity'],
  schema: {
    body: LoginBodySchema,
    response: {
      200: LoginResponseSchema,
      400: ErrorResponseSchema,
      401: ErrorResponseSchema,
      429: ErrorResponseSchema,
    },
  },
});

export const logoutRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/logout',
  auth: auth.signedIn,
  summary: 'Revoke the bearer token sent with this request',
  tags: ['identity'],
  schema: { response: { 204: z.null(), ...commonErrors } },
});

export const meRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/auth/me',
  auth: auth.signedIn,
  summary: 'The signed-in user',
  tags: ['identity'],
  schema: { response: { 200: UserSchema, ...commonErrors } },
});
