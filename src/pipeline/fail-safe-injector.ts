import type { PageInjector } from './charset-sniff';

/** Input kept for a recovery before the injector's first output; past this, a very odd injector is not waited for. */
const MAX_RETAINED_BYTES = 1024 * 1024;

/**
 * Wraps an injector so that it never throws: after a failure `onError` is told and the rest of
 * the page passes through as it comes. Until the injector first gives output, every byte it was
 * given is kept, so a failure then (creating it, settling the charset, the first writes, or a
 * one-shot `end`) sends the page exactly as the application wrote it. A failure after output has
 * started can only pass on what comes next: the notice may already be out, and the few bytes the
 * injector held back at that moment (a cut-off tag, a look-ahead) are reported lost.
 */
export function createFailSafeInjector(create: () => PageInjector, onError: (error: unknown) => void): PageInjector {
  let inner: PageInjector | null = null;
  let broken = false;
  let retained: Uint8Array[] | null = [];
  let retainedBytes = 0;

  function keep(chunk: Uint8Array | undefined): void {
    if (retained === null || chunk === undefined || chunk.length === 0) return;
    retained.push(chunk);
    retainedBytes += chunk.length;
    if (retainedBytes > MAX_RETAINED_BYTES) retained = null;
  }

  function fallBack(error: unknown, chunk: Uint8Array | undefined): Uint8Array[] {
    broken = true;
    const recovered = retained;
    retained = null;
    onError(error);
    if (recovered !== null) return recovered;
    return chunk === undefined || chunk.length === 0 ? [] : [chunk];
  }

  function passed(out: Uint8Array[]): Uint8Array[] {
    if (retained !== null && out.length > 0) retained = null;
    return out;
  }

  return {
    write(chunk) {
      if (broken) return [chunk];
      keep(chunk);
      try {
        inner ??= create();
        return passed(inner.write(chunk));
      } catch (error) {
        return fallBack(error, chunk);
      }
    },
    end(chunk) {
      if (broken) return chunk === undefined || chunk.length === 0 ? [] : [chunk];
      keep(chunk);
      try {
        inner ??= create();
        return passed(inner.end(chunk));
      } catch (error) {
        return fallBack(error, chunk);
      }
    },
  };
}
