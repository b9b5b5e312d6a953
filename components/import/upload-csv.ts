import type { ImportPreviewDto, ImportUploadDto } from "@/lib/import-dto";
import { ApiError } from "@/lib/query/fetch-json";
import type { ImportRequest } from "@/lib/schemas/import";
import { IMPORT_CHUNK_BYTES, IMPORT_MAX_BYTES } from "@/lib/schemas/import";

async function answer<T>(res: Promise<Response>): Promise<T> {
  let r: Response;
  try {
    r = await res;
  } catch {
    throw new ApiError("NETWORK_ERROR", "Could not reach the dashboard server. Check your connection and retry.", 0);
  }
  const body = (await r.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
  if (!r.ok) throw new ApiError(typeof body?.code === "string" ? body.code : `HTTP_${r.status}`, typeof body?.message === "string" ? body.message : `The server answered HTTP ${r.status}.`, r.status);
  return body as T;
}

/**
 * Sends the file as it is, in pieces under the console's request body limit; the server
 * assembles and parses it. `onProgress` gets the fraction sent.
 */
export async function uploadCsv(file: File, onProgress: (sent: number) => void): Promise<ImportUploadDto> {
  if (file.size > IMPORT_MAX_BYTES) throw new ApiError("FILE_TOO_LARGE", `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it and import the parts one after another.`, 400);
  const count = Math.max(1, Math.ceil(file.size / IMPORT_CHUNK_BYTES));
  let id: string | null = null;
  for (let seq = 0; seq < count; seq++) {
    const q: URLSearchParams = new URLSearchParams(id === null ? { name: file.name } : { upload: id, seq: String(seq) });
    if (seq === count - 1) q.set("done", "1");
    const piece = file.slice(seq * IMPORT_CHUNK_BYTES, (seq + 1) * IMPORT_CHUNK_BYTES);
    const res: { uploadId: string } & Partial<ImportUploadDto> = await answer<{ uploadId: string } & Partial<ImportUploadDto>>(fetch(`/api/import/uploads?${q}`, { method: "POST", body: piece, headers: { "content-type": "application/octet-stream" } }));
    id = res.uploadId;
    onProgress((seq + 1) / count);
    if (seq === count - 1) return res as ImportUploadDto;
  }
  throw new Error("unreachable");
}

export function previewImport(request: ImportRequest): Promise<ImportPreviewDto> {
  return answer(fetch("/api/import/preview", { method: "POST", body: JSON.stringify(request), headers: { "content-type": "application/json" } }));
}
