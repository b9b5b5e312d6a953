// The result every server action returns (STYLE §6). Pure type module: client code imports it.
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };
