import { z } from "zod";
import { Errors } from "./errors";

/**
 * Request validation with the text of Stack's KnownErrors.SchemaError (400 SCHEMA_ERROR):
 *   Request validation failed on POST /api/v1/users:
 *     - body.primary_email must be a valid email
 *     - body contains unknown properties: foo
 * Every failing rule is listed, each prefixed with its dotted path.
 */
export function formatIssue(section: "body" | "query" | "params", issue: z.core.$ZodIssue): string {
  const where = [section, ...issue.path.map(String)].join(".");
  switch (issue.code) {
    case "unrecognized_keys":
      return `${where} contains unknown properties: ${issue.keys.join(", ")}`;
    case "invalid_type":
      if ((issue as { input?: unknown }).input === undefined) return `${where} must be defined`;
      return `${where} must be a \`${issue.expected}\` type, but the final value was: \`${JSON.stringify((issue as { input?: unknown }).input)}\`.`;
    case "invalid_format": {
      const fmt = issue.format;
      if (fmt === "email") return `${where} must be a valid email`;
      if (fmt === "uuid" || fmt === "guid") return `${where} must be a valid UUID`;
      if (fmt === "url") return `${where} must be a valid URL`;
      if (fmt === "regex") return `${where} must match the following: "${(issue as { pattern?: string }).pattern ?? ""}"`;
      return `${where} must be a valid ${fmt}`;
    }
    case "too_small":
      if (issue.origin === "string") return `${where} must be at least ${issue.minimum} characters`;
      if (issue.origin === "array") return `${where} field must have at least ${issue.minimum} items`;
      return `${where} must be greater than or equal to ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `${where} must be at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `${where} field must have less than or equal to ${issue.maximum} items`;
      return `${where} must be less than or equal to ${issue.maximum}`;
    case "invalid_value":
      return `${where} must be one of the following values: ${issue.values.map(String).join(", ")}`;
    case "invalid_union":
      return `${where} ${issue.message}`;
    default:
      return `${where} ${issue.message}`;
  }
}

export function schemaErrorText(method: string, pathname: string, lines: string[]) {
  return `Request validation failed on ${method} ${pathname}:\n${lines.map((l) => `  - ${l}`).join("\n")}`;
}

export type Parsed<B, Q, P> = { body: B; query: Q; params: P };

/** Validates all three parts and reports every failure at once. */
export function validateRequest<B, Q, P>(
  method: string,
  pathname: string,
  parts: {
    body?: { schema: z.ZodType<B> | undefined; value: unknown };
    query: { schema: z.ZodType<Q> | undefined; value: Record<string, string> };
    params: { schema: z.ZodType<P> | undefined; value: Record<string, string> };
  },
): Parsed<B, Q, P> {
  const lines: string[] = [];
  const run = <T,>(section: "body" | "query" | "params", schema: z.ZodType<T> | undefined, value: unknown, noSchemaMustBeEmpty: boolean): T => {
    if (!schema) {
      // Endpoints without a query schema still reject unknown query params, like Stack's strict yup schemas.
      if (noSchemaMustBeEmpty && value && typeof value === "object" && Object.keys(value).length > 0) {
        lines.push(`${section} contains unknown properties: ${Object.keys(value).join(", ")}`);
      }
      return value as T;
    }
    if (section === "body" && value === undefined) {
      // Absent body: let the schema decide (optional bodies accept undefined).
    }
    // reportInput: zod 4 leaves the input out of issues unless asked, and "must be defined" needs it.
    const r = schema.safeParse(value, { reportInput: true });
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      if (section === "body" && issue.path.length === 0 && issue.code === "invalid_type" && value === undefined) {
        lines.push("body must be defined");
      } else {
        lines.push(formatIssue(section, issue));
      }
    }
    return undefined as T;
  };
  const params = run("params", parts.params.schema, parts.params.value, false);
  const query = run("query", parts.query.schema, parts.query.value, true);
  const body = parts.body ? run("body", parts.body.schema, parts.body.value, false) : (undefined as B);
  if (lines.length > 0) throw Errors.schema(schemaErrorText(method, pathname, lines));
  return { body, query, params };
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUrl(v: string) {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

// Reusable schema pieces matching Stack's yup schemas.
export const s = {
  uuid: () => z.string().uuid(),
  /** A user id path/query/body value: a UUID or the literal `me` (yup's "must be a valid UUID" text). */
  userIdOrMe: () => z.string().refine((v) => v === "me" || UUID_RE.test(v), { message: "must be a valid UUID" }),
  /** Query booleans: exactly "true" or "false" (newer servers declare them as those two strings). */
  queryBool: () => z.enum(["true", "false"]).transform((v) => v === "true"),
  queryInt: (min = 0, max?: number) => {
    let n = z.coerce.number<string>().int().min(min);
    if (max !== undefined) n = n.max(max);
    return n;
  },
  json: () => z.unknown(),
  email: () => z.string().email(),
  /** stack-shared's urlSchema: "contains spaces" / "is not a valid URL" (both reported). */
  url: () => z.string().refine((v) => !v.includes(" "), { message: "contains spaces" }).refine(isUrl, { message: "is not a valid URL" }),
  /** Profile images and project logos: stack-shared's urlSchema, at most 1,000,000 characters. */
  imageUrl: () => s.url().max(1_000_000),
};
