import type { GeonoticeLocals } from './engine';

/**
 * `res.locals.geonotice` that notices being read: a template that renders the decision makes the
 * page differ by visitor, which a page meant to be shared (ESI) must not. The object itself may
 * be copied around (Express merges `res.locals` into every render's options); only reading what
 * is in it counts.
 */
export function watchReads(locals: GeonoticeLocals, onRead: () => void): GeonoticeLocals {
  const watched = {} as GeonoticeLocals;
  for (const key of Object.keys(locals) as (keyof GeonoticeLocals)[]) {
    Object.defineProperty(watched, key, {
      enumerable: true,
      get() {
        onRead();
        return locals[key];
      },
    });
  }
  return watched;
}
