import type { GeonoticeLocals } from './engine';

/** An object's watched values and who is told of a read, under a key no template can name. */
const WATCH = Symbol('geonotice watched properties');

interface Watch {
  values: Record<string, unknown>;
  onRead: () => void;
}

type Watched = Record<string | symbol, unknown> & { [WATCH]: Watch };

interface Accessor {
  get: (this: Watched) => unknown;
  set: (this: Watched, next: unknown) => void;
}

/**
 * One getter and setter per key for every object: a getter made of a closure per object (a
 * response's locals, say) keeps what the closure reaches alive through young-generation
 * collections (docs/performance.md).
 */
const accessors = new Map<string, Accessor>();

function accessorFor(key: string): Accessor {
  let accessor = accessors.get(key);
  if (accessor === undefined) {
    accessor = {
      get: function readWatched() {
        const watch = this[WATCH];
        watch.onRead();
        return watch.values[key];
      },
      set: function writeWatched(next) {
        this[WATCH].values[key] = next;
      },
    };
    accessors.set(key, accessor);
  }
  return accessor;
}

/**
 * Puts `values`' own keys on `target` as properties that read through to `values` and call
 * `onRead` whenever one is read. With `writable`, an assignment replaces the value in `values`
 * (and is read back as such); without, it is refused as on any getter without a setter.
 */
export function defineWatched(target: object, values: object, onRead: () => void, { writable = false } = {}): void {
  const watch: Watch = { values: values as Record<string, unknown>, onRead };
  Object.defineProperty(target, WATCH, { value: watch, configurable: true });
  for (const key of Object.keys(values)) {
    const { get, set } = accessorFor(key);
    Object.defineProperty(target, key, { configurable: true, enumerable: true, get, ...(writable ? { set } : {}) });
  }
}

/**
 * `res.locals.geonotice` that notices being read: a template that renders the decision makes the
 * page differ by visitor, which a page meant to be shared (ESI) must not. The object itself may
 * be copied around (Express merges `res.locals` into every render's options); only reading what
 * is in it counts.
 */
export function watchReads(locals: GeonoticeLocals, onRead: () => void): GeonoticeLocals {
  const watched = {};
  defineWatched(watched, locals, onRead);
  return watched as GeonoticeLocals;
}
