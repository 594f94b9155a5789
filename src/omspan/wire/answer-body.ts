/**
 * Reads one answer's body with a cap on its decoded size. `fetch` undoes gzip/br/deflate as it reads, so
 * a 300 KB gzip bomb can unfold into gigabytes, and a plain answer can simply be huge: both are counted
 * as they decode and cut at the cap, before the process holds them whole.
 *
 * The cap: the largest window the client ever asks for is 50,000 Realisasi rows, about 16 MB of JSON; the
 * unpaged datasets (DIPA, DataFA, PNBP) of a whole ministry are of the same order. Four such windows,
 * 64 MB, is room for any real answer and still bounds a broken one.
 */
import { AnswerTooLargeError } from "../errors";

/** Largest decoded answer the client reads, in bytes (see the file comment). */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/**
 * The body as text, or AnswerTooLargeError once more than `maxBytes` decoded bytes arrived. A body that
 * breaks off after `maxBytes` or more is too large as well: it was not complete at that size (this is how
 * the proxy ends an answer it cut at the same cap).
 * @throws AnswerTooLargeError; whatever reading the body throws otherwise.
 */
export async function readCappedText(res: Response, maxBytes: number, url: string): Promise<string> {
  const tooLarge = () => new AnswerTooLargeError(url, maxBytes);
  const declared = Number(res.headers.get("content-length"));
  // Without an encoding, the declared length is the decoded length: refuse before reading a byte.
  if (!res.headers.get("content-encoding") && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch (e) {
      if (total >= maxBytes) throw tooLarge();
      throw e;
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(decoder.decode(step.value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}
