/**
 * Ties the windows of one Realisasi pull to one generation of the proxy's shared cache (a generation is
 * one upstream pull of a dataset, shared by every client of the key). The proxy names the generation
 * of every stored window in `OMSPAN-Generation`; the client reads it from window 1's answer and names
 * it back on every later request of the same pull (retries included), so the proxy serves exactly
 * that pull's windows whatever process or address the request comes through — never a window of a
 * pull started meanwhile by someone's refresh. OMSPAN itself, or a proxy without the shared cache,
 * names none: then nothing is sent and nothing changes.
 */

/** The header, in both directions. */
export const GENERATION_HEADER = "OMSPAN-Generation";

/** One pull's generation, once window 1 has answered. */
export class GenerationPin {
  private gen: string | undefined;

  /** The generation the pull is tied to, if known yet. */
  get value(): string | undefined {
    return this.gen;
  }

  /** Headers for a request of the pull: the generation once it is known. */
  headers(): Record<string, string> {
    return this.gen === undefined ? {} : { [GENERATION_HEADER]: this.gen };
  }

  /** Notes window 1's answer headers (the first generation seen stays). */
  note(headers: Headers): void {
    const g = headers.get(GENERATION_HEADER);
    if (this.gen === undefined && g) this.gen = g;
  }
}
