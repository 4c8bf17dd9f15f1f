import type { GeonoticeLocals } from './engine';

/** What a watched copy reads through to, under a key no template can name. */
const SOURCE = Symbol('geonotice watched locals');

interface Source {
  locals: GeonoticeLocals;
  onRead: () => void;
}

type Watched = GeonoticeLocals & { [SOURCE]: Source };

/**
 * One getter per key for every response: a getter made of a closure per response would keep
 * that response's objects alive through young-generation collections (docs/performance.md).
 */
const getters = new Map<keyof GeonoticeLocals, (this: Watched) => unknown>();

function getterFor(key: keyof GeonoticeLocals): (this: Watched) => unknown {
  let getter = getters.get(key);
  if (getter === undefined) {
    getter = function readWatched(this: Watched): unknown {
      const source = this[SOURCE];
      source.onRead();
      return source.locals[key];
    };
    getters.set(key, getter);
  }
  return getter;
}

/**
 * `res.locals.geonotice` that notices being read: a template that renders the decision makes the
 * page differ by visitor, which a page meant to be shared (ESI) must not. The object itself may
 * be copied around (Express merges `res.locals` into every render's options); only reading what
 * is in it counts.
 */
export function watchReads(locals: GeonoticeLocals, onRead: () => void): GeonoticeLocals {
  const watched = {} as Watched;
  Object.defineProperty(watched, SOURCE, { value: { locals, onRead } });
  for (const key of Object.keys(locals) as (keyof GeonoticeLocals)[])
    Object.defineProperty(watched, key, { enumerable: true, get: getterFor(key) });
  return watched;
}
