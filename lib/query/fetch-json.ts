/** A failed route-handler answer: `{ok:false, code, message}` (lib/server/route-error.ts). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError("NETWORK_ERROR", "Could not reach the dashboard server. Check your connection and retry.", 0);
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const b = body as { code?: unknown; message?: unknown } | null;
    throw new ApiError(
      typeof b?.code === "string" ? b.code : `HTTP_${res.status}`,
      typeof b?.message === "string" ? b.message : `The server answered HTTP ${res.status}.`,
      res.status,
    );
  }
  return body as T;
}
