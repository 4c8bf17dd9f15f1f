import { OutgoingMessage, ServerResponse } from 'node:http';
import onHeaders from 'on-headers';

/** The methods geonotice takes over on a response: the moment headers go out, and the body. */
export interface ResponseMethods {
  writeHead: ServerResponse['writeHead'];
  write: ServerResponse['write'];
  end: ServerResponse['end'];
}

type MethodName = keyof ResponseMethods;
type AnyMethod = (this: ServerResponse, ...args: unknown[]) => unknown;

/**
 * Express sets every response's prototype (to the app's `response`), which leaves each response
 * with a hidden class of its own: every method then assigned to a response builds a new hidden
 * class and copies its descriptor table, 2 to 4 µs each, dearer with each one (docs/performance.md).
 * So an Express response's replacements are not assigned to it: they are kept in a table, in the
 * response's `locals` (a dictionary object, where a key costs no hidden class) under a symbol
 * nobody else reads, and the methods where Node defines them dispatch to that table for the
 * responses that have one. Any other response (and http.ClientRequest, which shares `write` and
 * `end`) reaches Node's own method after one property read. A WeakMap from response to table
 * would serve as well, but every response put in one costs the garbage collector more than the
 * hidden class saves: 3 to 9 % fewer requests per second without a notice (docs/performance.md).
 */
const TABLE = Symbol('geonotice response methods');

interface WithTable {
  locals?: { [TABLE]?: ResponseMethods } | undefined;
}

function tableOf(res: object): ResponseMethods | undefined {
  return (res as WithTable).locals?.[TABLE];
}

const OWNERS: Record<MethodName, object> = {
  writeHead: ServerResponse.prototype,
  write: OutgoingMessage.prototype,
  end: OutgoingMessage.prototype,
};

type Methods = Record<MethodName, AnyMethod>;

let installed: { dispatchers: Methods; originals: Methods } | undefined;

function dispatcherFor(name: MethodName, original: AnyMethod): AnyMethod {
  // Named as the method it stands for, as on-headers and compression name theirs.
  const { [name]: dispatcher } = {
    [name](this: ServerResponse, ...args: unknown[]): unknown {
      const table = tableOf(this);
      return (table === undefined ? original : (table[name] as AnyMethod)).apply(this, args);
    },
  };
  return dispatcher!;
}

/** Puts the dispatchers in place of Node's methods, once per process (the first time a response is hooked). */
function install(): NonNullable<typeof installed> {
  const originals = {} as Methods;
  const dispatchers = {} as Methods;
  for (const name of Object.keys(OWNERS) as MethodName[]) {
    const owner = OWNERS[name] as Methods;
    originals[name] = owner[name];
    dispatchers[name] = owner[name] = dispatcherFor(name, owner[name]);
  }
  return { originals, dispatchers };
}

/**
 * The object to put this response's replacement methods on, reading from it the methods they
 * wrap. A response with `locals` whose methods all lead straight to Node's gets a table of its
 * own, reached through the dispatchers (an application that later replaces `res.locals` with an
 * object that does not carry its keys over loses that response's notices). Any other response is
 * hooked on itself, around what is there: one without `locals`, one already wrapped by other code
 * (compression mounted first), or one hooked a second time, so that replacements always run in
 * the order they were added.
 */
export function methodsOf(res: ServerResponse): ResponseMethods {
  const { dispatchers, originals } = (installed ??= install());
  const { locals } = res as WithTable;
  if (
    typeof locals !== 'object' ||
    locals === null ||
    locals[TABLE] !== undefined ||
    res.writeHead !== dispatchers.writeHead ||
    res.write !== dispatchers.write ||
    res.end !== dispatchers.end
  )
    return res;
  // Node's own methods, for the hooks to wrap.
  const table = { ...originals } as unknown as ResponseMethods;
  // A symbol key no template can name, and enumerable, so that it survives an application that
  // copies its locals into a new object (`res.locals = { ...res.locals, user }`).
  locals[TABLE] = table;
  return table;
}

/** Whether `write` is Node's own (nothing else between a hook and the socket). */
export function isNodeWrite(write: ResponseMethods['write']): boolean {
  return write === (installed ??= install()).originals.write;
}

/**
 * on-headers on a response's method table (from `methodsOf`): `listener` runs once, with the
 * response as `this`, just before its headers are written.
 */
export function onResponseHeaders(methods: ResponseMethods, listener: (this: ServerResponse) => void): void {
  // on-headers only reads and replaces `writeHead` on the object it is given, and calls both with
  // the response as `this`: a method table serves it as well as the response itself.
  onHeaders(methods as ServerResponse, listener);
}
