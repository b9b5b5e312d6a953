import type { z } from "zod";
import type { AccessType, AuthContext } from "./auth";
import type { DB } from "./db";
import type { EmulatorConfig } from "./config";
import { Errors, TextError } from "./errors";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** What a handler may return: a JSON body (status defaults to 200) or an explicit reply. */
export type Reply = { status: number; json: unknown } | { status: number; text: string };
export const reply = {
  json: (status: number, json: unknown): Reply => ({ status, json }),
  created: (json: unknown): Reply => ({ status: 201, json }),
  ok: (json: unknown): Reply => ({ status: 200, json }),
  success: (): Reply => ({ status: 200, json: { success: true } }),
  text: (status: number, text: string): Reply => ({ status, text }),
};

export type EmulatorServices = {
  db: DB;
  config: EmulatorConfig;
  now: () => number;
  /** Records an outgoing side effect (e-mail, webhook event…) for /__emulator/outbox. */
  record: (projectId: string, kind: string, payload: unknown) => string;
};

/** Records a webhook event (outbox kind "webhook", payload `{type, data}` like the envelope Stack delivers). */
export function recordWebhook(services: Pick<EmulatorServices, "record">, projectId: string, type: string, data: unknown) {
  services.record(projectId, "webhook", { type, data });
}

/** Records an e-mail that a real server would send (outbox kind "email"; listed by GET /internal/emails). */
export function recordEmail(services: Pick<EmulatorServices, "record">, projectId: string, payload: Record<string, unknown>) {
  return services.record(projectId, "email", payload);
}

export type HandlerContext<B, Q, P> = {
  auth: AuthContext;
  body: B;
  query: Q;
  params: P;
  headers: Headers;
  services: EmulatorServices;
  /** Resolves a user id that may be `me` (the user of x-stack-access-token). */
  userIdOrMe: (value: string) => string;
};

type SchemaFor<T> = z.ZodType<T> | ((accessType: AccessType) => z.ZodType<T>);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the module list holds routes of every shape
export type RouteDef<B = any, Q = any, P = any> = {
  method: Method;
  /** Path below /api/v1, Hono syntax: `/users/:user_id`. */
  path: string;
  /** Access types this endpoint serves (any other → KnownErrors.InsufficientAccessType). */
  access: AccessType[];
  params?: SchemaFor<P>;
  query?: SchemaFor<Q>;
  body?: SchemaFor<B>;
  handler: (ctx: HandlerContext<B, Q, P>) => Reply | unknown;
};

/** Declares a route with inferred handler types. */
export function route<B = undefined, Q = Record<string, never>, P = Record<string, never>>(def: RouteDef<B, Q, P>): RouteDef<B, Q, P> {
  return def;
}

export function makeUserIdOrMe(auth: AuthContext) {
  return (value: string) => {
    if (value !== "me") return value;
    if (!auth.userId) throw Errors.cannotGetOwnUserWithoutUser();
    return auth.userId;
  };
}

/** Client access may only act on its own user: CANNOT_GET_OWN_USER_WITHOUT_USER without a user token, 403 text for another user. */
export function ensureClientOwnUser(auth: AuthContext, userId: string | undefined, message: string) {
  if (auth.accessType !== "client") return;
  if (!auth.userId) throw Errors.cannotGetOwnUserWithoutUser();
  if (userId !== auth.userId) throw new TextError(403, message);
}

export type Migration = { id: string; sql: string };

/** A resource module: its routes and, optionally, its own migrations. */
export type EmulatorModule = {
  name: string;
  migrations?: Migration[];
  routes: RouteDef[];
};
