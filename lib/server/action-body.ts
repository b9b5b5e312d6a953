import { NextResponse, type NextRequest } from "next/server";

// A server action POST with a plain-text body is a JSON array of arguments encoded by React's
// `encodeReply`: a string starting with "$" is a reference to another part of the reply, and a
// plain-text body has no other parts. React escapes a literal leading "$" as "$$", and encodes a
// few values inline ($undefined, $NaN, $Infinity, $-Infinity, $-0, $D<date>, $n<bigint>).
// Anything else fails inside Next's decoder with a 500 before our action wrapper can answer, so
// those bodies are refused here with the wrapper's own INVALID_INPUT shape.
const INLINE = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

function hasDanglingReference(value: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (typeof value === "string") return value.startsWith("$") && !INLINE.test(value);
  if (Array.isArray(value)) return value.some((v) => hasDanglingReference(v, depth + 1));
  if (value && typeof value === "object") return Object.values(value).some((v) => hasDanglingReference(v, depth + 1));
  return false;
}

/** 400 for a server-action POST whose plain-text body React could not decode; null for anything else. */
export async function refuseUndecodableActionBody(req: NextRequest): Promise<NextResponse | null> {
  if (req.method !== "POST" || !req.headers.has("next-action")) return null;
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("text/plain")) return null;
  let args: unknown;
  try {
    args = JSON.parse(await req.clone().text());
  } catch {
    args = undefined;
  }
  if (Array.isArray(args) && !hasDanglingReference(args)) return null;
  return NextResponse.json({ ok: false, code: "INVALID_INPUT", message: "The request could not be read." }, { status: 400 });
}
