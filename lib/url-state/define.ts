// One definition per table of its URL state (the table state lives in the URL: shareable, the
// back button works). The same parse runs in the server page, the route handler and the client
// table, so they can't disagree; bad or unknown values fall back to the field's default. No zod
// here: this ships with every table page and must stay small (the 1.6× JS budget).

/** Search params as a page receives them (`searchParams`) or as the browser has them. */
export type RawSearch = Record<string, string | string[] | undefined> | { get(key: string): string | null };

/** One URL parameter: its default, and how to read it (undefined = not valid, use the default). */
export type Field<T> = { readonly default: T; parse(raw: string): T | undefined; format(value: T): string };

export const field = {
  /** Free text (search): trimmed; empty or longer than `max` is dropped. */
  text(max = 200): Field<string | undefined> {
    return {
      default: undefined,
      parse: (raw) => {
        const t = raw.trim();
        return t && t.length <= max ? t : undefined;
      },
      format: (v) => v ?? "",
    };
  },
  /** One of a fixed list of strings (a sort field, a filter). */
  oneOf<const V extends string>(values: readonly V[], fallback: NoInfer<V>): Field<V> {
    return { default: fallback, parse: (raw) => (values as readonly string[]).includes(raw) ? (raw as V) : undefined, format: (v) => v };
  },
  /** One of a fixed list of numbers (page sizes). */
  numberOf<const V extends number>(values: readonly V[], fallback: NoInfer<V>): Field<V> {
    return {
      default: fallback,
      parse: (raw) => {
        const n = Number(raw);
        return raw !== "" && (values as readonly number[]).includes(n) ? (n as V) : undefined;
      },
      format: (v) => String(v),
    };
  },
  /** On when the parameter is exactly "1"; off is the default and stays out of the URL. */
  flag(): Field<boolean> {
    return { default: false, parse: (raw) => (raw === "1" ? true : undefined), format: (v) => (v ? "1" : "") };
  },
  /** An opaque upstream cursor (Stack's are forward-only strings), optionally checked. */
  cursor(valid: (raw: string) => boolean = () => true, max = 200): Field<string | undefined> {
    return { default: undefined, parse: (raw) => (raw.length > 0 && raw.length <= max && valid(raw) ? raw : undefined), format: (v) => v ?? "" };
  },
};

type Fields = Record<string, Field<unknown>>;
type Values<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

/** Parsed params: every field has a value (its default when absent or bad), plus the page cursor. */
export type TableParams<F extends Fields> = Values<F> & { cursor: string | undefined };

/**
 * Cursors are forward-only, so the cursors of the pages between page 1 and the current one
 * travel in `trail` (comma-separated, oldest first): page number = trail + 2 when there is a
 * cursor, else 1, and Previous pops the trail.
 */
export type TableUrlState<F extends Fields> = { params: TableParams<F>; trail: string[] };

const MAX_TRAIL = 200;

function read(raw: RawSearch, key: string): string | undefined {
  if (typeof raw.get === "function") return (raw as { get(key: string): string | null }).get(key) ?? undefined;
  const v = (raw as Record<string, string | string[] | undefined>)[key];
  return Array.isArray(v) ? v[0] : v;
}

export function defineTableUrl<F extends Fields>(fields: F, opts: { cursor?: Field<string | undefined> } = {}) {
  const cursorField = opts.cursor ?? field.cursor();
  const keys = Object.keys(fields) as (keyof F & string)[];
  const defaults = Object.fromEntries(keys.map((k) => [k, fields[k]!.default])) as Values<F>;

  function parse(raw: RawSearch): TableUrlState<F> {
    const params = { ...defaults, cursor: undefined } as TableParams<F>;
    for (const k of keys) {
      const v = read(raw, k);
      const parsed = v === undefined ? undefined : fields[k]!.parse(v);
      if (parsed !== undefined) (params as Record<string, unknown>)[k] = parsed;
    }
    const c = read(raw, "cursor");
    params.cursor = c === undefined ? undefined : cursorField.parse(c);
    const trail = params.cursor
      ? (read(raw, "trail") ?? "")
          .split(",")
          .map((t) => cursorField.parse(t))
          .filter((t): t is string => t !== undefined)
          .slice(-MAX_TRAIL)
      : [];
    return { params, trail };
  }

  /** The values that differ from the defaults (what the URL and a query key carry). */
  function changed(params: TableParams<F>): Partial<TableParams<F>> {
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = params[k];
      if (v !== undefined && v !== fields[k]!.default && fields[k]!.format(v as never) !== "") out[k] = v;
    }
    if (params.cursor) out.cursor = params.cursor;
    return out as Partial<TableParams<F>>;
  }

  /** `?…` for the state (empty string for all defaults); defaults stay out of the URL. */
  function search({ params, trail }: TableUrlState<F>): string {
    const sp = new URLSearchParams();
    const c = changed(params);
    for (const k of keys) if (k in c) sp.set(k, fields[k]!.format(c[k] as never));
    if (c.cursor) {
      sp.set("cursor", c.cursor);
      if (trail.length > 0) sp.set("trail", trail.join(","));
    }
    const s = sp.toString();
    return s ? `?${s}` : "";
  }

  return {
    defaults,
    /** Page-1 params: the defaults with some values set (for server code that lists without a URL). */
    params: (values: Partial<Values<F>> = {}): TableParams<F> => ({ ...defaults, ...values, cursor: undefined }),
    parse,
    search,
    changed,
    /** Any change other than a page move starts again at page 1. */
    reset: (state: TableUrlState<F>, changes: Partial<Values<F>>): TableUrlState<F> => ({ params: { ...state.params, ...changes, cursor: undefined }, trail: [] }),
    next: (state: TableUrlState<F>, cursor: string): TableUrlState<F> => ({
      params: { ...state.params, cursor },
      trail: state.params.cursor ? [...state.trail, state.params.cursor] : [],
    }),
    previous: (state: TableUrlState<F>): TableUrlState<F> => {
      const cursor = state.trail.at(-1);
      return { params: { ...state.params, cursor }, trail: cursor ? state.trail.slice(0, -1) : [] };
    },
    pageNumber: (state: TableUrlState<F>) => (state.params.cursor ? state.trail.length + 2 : 1),
  };
}

export type TableUrl<F extends Fields> = ReturnType<typeof defineTableUrl<F>>;
