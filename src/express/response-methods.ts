import type { ServerResponse } from 'node:http';
import onHeaders from 'on-headers';

/** A response method, loosely typed: a replacement is only ever called with the arguments it was given. */
type Method<Result> = (this: ServerResponse, ...args: unknown[]) => Result;

/** The three methods through which a response's headers and body leave. */
export interface ResponseMethods {
  writeHead: Method<ServerResponse>;
  write: Method<boolean>;
  end: Method<ServerResponse>;
}

type MethodName = keyof ResponseMethods;
const METHOD_NAMES: readonly MethodName[] = ['writeHead', 'write', 'end'];

/**
 * Why not simply assign `res.write = …` as `compression` does: Express gives every response
 * object a hidden class of its own (it sets each one's prototype), so every property added to
 * one builds a new hidden class and descriptor table in the old generation. Measured with the
 * bench's 30 KB page in one process (`bench/tmp`-style A/B, fake sockets): three methods assigned
 * per response cost about 14 µs of CPU per request; the same methods on the application's
 * response prototype cost nothing measurable.
 *
 * So inside an Express application the replacements are registered here, and the application's
 * own response prototype (`app.response`, an object Express creates for each application) gets
 * the three methods once, each looking the response up in this registry and otherwise handing on
 * to the method it shadows. Responses nobody hooked pass straight through. The registry is kept
 * in the global symbol registry, so that two copies of geonotice in one process share it.
 */
const REGISTRY_KEY = Symbol.for('geonotice.responseMethods');
/** Marks an application response prototype whose methods dispatch through the registry. */
const PATCHED = Symbol.for('geonotice.responseMethods.patched');

type Registry = WeakMap<object, Partial<ResponseMethods>>;
type RegistryHolder = { [REGISTRY_KEY]?: Registry };
const registry = ((globalThis as RegistryHolder)[REGISTRY_KEY] ??= new WeakMap<object, Partial<ResponseMethods>>());

type Prototype = Partial<ResponseMethods> & { app?: unknown; [PATCHED]?: true };

function ownsAnyMethod(target: object): boolean {
  return Object.hasOwn(target, 'writeHead') || Object.hasOwn(target, 'write') || Object.hasOwn(target, 'end');
}

function isApplicationPrototype(value: object | null): value is Prototype {
  return value !== null && Object.hasOwn(value, 'app');
}

/**
 * The outermost Express application response prototype above `res` (a mounted sub-application's
 * prototype inherits from its parent's, and Express switches a response between them as it
 * enters and leaves the sub-application, so only the outermost one is always in the chain), or
 * null when the response is not Express's or another middleware has already put methods of its
 * own on it or on that chain: those must keep running first, so the response is hooked directly.
 */
function applicationPrototype(res: ServerResponse): Prototype | null {
  if (ownsAnyMethod(res)) return null;
  let proto: object | null = Object.getPrototypeOf(res) as object | null;
  if (!isApplicationPrototype(proto)) return null;
  for (;;) {
    if (Object.hasOwn(proto, PATCHED)) return proto;
    if (ownsAnyMethod(proto)) return null;
    const parent = Object.getPrototypeOf(proto) as object | null;
    if (!isApplicationPrototype(parent)) return proto;
    proto = parent;
  }
}

function patch(proto: Prototype): void {
  for (const name of METHOD_NAMES) {
    // Looked up on each call, not captured: a method patched further up later still runs.
    const dispatch = function (this: ServerResponse, ...args: unknown[]): unknown {
      const replacement = registry.get(this)?.[name];
      const method = (replacement ?? (Object.getPrototypeOf(proto) as ResponseMethods)[name]) as Method<unknown>;
      return method.apply(this, args);
    };
    Object.defineProperty(dispatch, 'name', { value: name });
    Object.defineProperty(proto, name, { value: dispatch, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(proto, PATCHED, { value: true });
}

/**
 * Replaces some of `res`'s `writeHead`/`write`/`end` with what `replace` returns, given the
 * methods they replace. The replacements are called with the response as `this` and the
 * caller's arguments, like the originals.
 */
export function replaceResponseMethods(res: ServerResponse, replace: (original: ResponseMethods) => Partial<ResponseMethods>): void {
  const proto = registry.has(res) ? null : applicationPrototype(res);
  if (proto === null) {
    const original: ResponseMethods = { writeHead: res.writeHead, write: res.write, end: res.end } as ResponseMethods;
    Object.assign(res, replace(original));
    return;
  }
  if (proto[PATCHED] !== true) patch(proto);
  const parent = Object.getPrototypeOf(proto) as ResponseMethods;
  registry.set(res, replace({ writeHead: parent.writeHead, write: parent.write, end: parent.end }));
}

/**
 * `writeHead` that first runs `listener` once, as `on-headers` does (headers given to `writeHead`
 * are set first, so the listener sees them, and a status the listener sets is the one sent).
 * on-headers only reads and replaces `writeHead` on the object it is given, so it is handed a
 * holder of the original rather than the response itself.
 */
export function writeHeadWithListener(writeHead: ResponseMethods['writeHead'], listener: (this: ServerResponse) => void): ResponseMethods['writeHead'] {
  const holder = { writeHead };
  onHeaders(holder as unknown as ServerResponse, listener);
  return holder.writeHead;
}

/** Runs `listener` once, right before the response's headers are written. */
export function onResponseHeaders(res: ServerResponse, listener: (this: ServerResponse) => void): void {
  replaceResponseMethods(res, (original) => ({ writeHead: writeHeadWithListener(original.writeHead, listener) }));
}
