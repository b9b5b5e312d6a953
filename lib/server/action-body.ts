// A server action POST with a plain-text body is a JSON array of arguments encoded by React's
// `encodeReply`: a string starting with "$" is a reference to another part of the reply, and a
// plain-text body has no other parts. React escapes a literal leading "$" as "$$", and encodes a
// few values inline ($undefined, $NaN, $Infinity, $-Infinity, $-0, $D<date>, $n<bigint>).
// Any other "$" string fails inside Next's decoder with a 500 before the action wrapper runs.
const INLINE = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

/** True when a plain-text action body (parsed JSON) is not an argument array React can decode. */
export function hasDanglingReference(value: unknown, depth = 0): boolean {
  if (depth === 0 && !Array.isArray(value)) return true;
  if (depth > 64) return true;
  if (typeof value === "string") return value.startsWith("$") && !INLINE.test(value);
  if (Array.isArray(value)) return value.some((v) => hasDanglingReference(v, depth + 1));
  if (value && typeof value === "object") return Object.values(value).some((v) => hasDanglingReference(v, depth + 1));
  return false;
}
