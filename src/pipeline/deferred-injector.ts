import type { PageInjector } from './charset-sniff';
import { concatBytes } from './bytes';

/**
 * An injector chosen once a page's first bytes tell which: `choose` gets the bytes so far and
 * returns the injector to use, null to let the page through untouched, or undefined while it
 * cannot tell yet (`complete` says no more bytes follow, so it must tell). The bytes held
 * meanwhile go to the chosen injector first, in order.
 */
export function createDeferredInjector(
  choose: (head: Uint8Array, complete: boolean) => PageInjector | null | undefined,
): PageInjector {
  const held: Uint8Array[] = [];
  let inner: PageInjector | null | undefined;

  function decide(complete: boolean): PageInjector | null | undefined {
    inner = choose(held.length === 1 ? held[0]! : concatBytes(held), complete);
    return inner;
  }

  function release(): Uint8Array[] {
    const pending = held.splice(0);
    if (inner === null || inner === undefined) return pending;
    const out: Uint8Array[] = [];
    for (const chunk of pending) out.push(...inner.write(chunk));
    return out;
  }

  return {
    write(chunk) {
      if (inner === null) return [chunk];
      if (inner !== undefined) return inner.write(chunk);
      held.push(chunk);
      return decide(false) === undefined ? [] : release();
    },
    end(chunk) {
      if (inner === undefined) {
        if (chunk !== undefined && chunk.length > 0) held.push(chunk);
        const chosen = decide(true);
        const out = release();
        return chosen === null || chosen === undefined ? out : [...out, ...chosen.end()];
      }
      if (inner === null) return chunk === undefined || chunk.length === 0 ? [] : [chunk];
      return inner.end(chunk);
    },
  };
}
