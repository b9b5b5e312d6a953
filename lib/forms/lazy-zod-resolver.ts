import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

/**
 * A react-hook-form resolver that loads zod and the schema on first validation instead of with
 * the page: forms keep using the exact schema the server action parses while zod
 * (~45 KB gzipped) stays out of the route's initial JavaScript (the 1.6× budget).
 *
 *   useForm({ resolver: lazyZodResolver(() => import("@/lib/schemas/users").then((m) => m.restrictUserSchema)) })
 */
export function lazyZodResolver<TFieldValues extends FieldValues>(
  loadSchema: () => Promise<z.ZodType<unknown, TFieldValues>>,
): Resolver<TFieldValues> {
  let loaded: Promise<Resolver<TFieldValues>> | null = null;
  return async (values, context, options) => {
    loaded ??= Promise.all([loadSchema(), import("@hookform/resolvers/zod")]).then(
      ([schema, { zodResolver }]) =>
        // Validation only: the handler sends the raw values and the server parses them again.
        zodResolver(schema as never, undefined, { raw: true }) as unknown as Resolver<TFieldValues>,
    );
    return (await loaded)(values, context, options);
  };
}
