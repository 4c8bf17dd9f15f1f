/**
 * Writes small MaxMind DB files (format 2.0: a 24-bit-record search tree over IPv6, IPv4 at
 * ::/96, a data section, metadata), so tests can hold records in the exact layouts the vendors
 * publish — GeoIP2's `subdivisions[].iso_code` suffixes above all — and read them back through the
 * same reader a site uses.
 */
import { parseAddress } from '../../src/core/address';

export interface MmdbNetwork {
  /** CIDR prefix, IPv4 or IPv6; networks must not overlap. */
  prefix: string;
  record: unknown;
}

export interface MmdbFileOptions {
  databaseType: string;
  buildEpoch: Date;
  networks: readonly MmdbNetwork[];
}

type Slot = { node: number } | { data: number } | null;

const METADATA_MARKER = Buffer.from([0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com')]);

/** The prefix as 128 bits (IPv4 under ::/96) and a length in that space. */
function bitsOf(prefix: string): { value: bigint; length: number } {
  const [address = '', lengthText = ''] = prefix.split('/');
  const point = parseAddress(address);
  if (point === null) throw new Error(`not an address: ${address}`);
  if (point.family === 4) return { value: BigInt(point.value), length: 96 + Number(lengthText) };
  const value = Array.from(point.words).reduce((sum, word) => (sum << 32n) + BigInt(word), 0n);
  return { value, length: Number(lengthText) };
}

function controlByte(type: number, size: number): Buffer {
  const head: number[] = [];
  let extra: number[] = [];
  let sizeBits = size;
  if (size >= 65821) {
    sizeBits = 31;
    const rest = size - 65821;
    extra = [(rest >> 16) & 255, (rest >> 8) & 255, rest & 255];
  } else if (size >= 285) {
    sizeBits = 30;
    const rest = size - 285;
    extra = [(rest >> 8) & 255, rest & 255];
  } else if (size >= 29) {
    sizeBits = 29;
    extra = [size - 29];
  }
  if (type <= 7) head.push((type << 5) | sizeBits);
  else head.push(sizeBits, type - 7);
  return Buffer.from([...head, ...extra]);
}

function unsigned(type: number, value: bigint): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 255n));
  return Buffer.concat([controlByte(type, bytes.length), Buffer.from(bytes)]);
}

/** One value in the data section's encoding: strings, whole numbers, booleans, arrays and maps. */
export function encodeValue(value: unknown): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([controlByte(2, bytes.length), bytes]);
  }
  if (typeof value === 'boolean') return controlByte(14, value ? 1 : 0);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
    return unsigned(value < 2 ** 32 ? 6 : 9, BigInt(value));
  if (typeof value === 'bigint') return unsigned(9, value);
  if (value instanceof Uint16Array) return unsigned(5, BigInt(value[0] ?? 0));
  if (Array.isArray(value)) return Buffer.concat([controlByte(11, value.length), ...value.map(encodeValue)]);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return Buffer.concat([
      controlByte(7, entries.length),
      ...entries.flatMap(([key, item]) => [encodeValue(key), encodeValue(item)]),
    ]);
  }
  throw new Error(`cannot encode ${String(value)}`);
}

/** A whole database file. */
export function writeMmdb(options: MmdbFileOptions): Buffer {
  const nodes: [Slot, Slot][] = [[null, null]];
  const data: Buffer[] = [];
  let dataLength = 0;
  for (const { prefix, record } of options.networks) {
    const { value, length } = bitsOf(prefix);
    const encoded = encodeValue(record);
    const offset = dataLength;
    data.push(encoded);
    dataLength += encoded.length;
    let node = 0;
    for (let depth = 0; depth < length; depth++) {
      const bit = Number((value >> BigInt(127 - depth)) & 1n);
      const pair = nodes[node]!;
      if (depth === length - 1) {
        pair[bit] = { data: offset };
        break;
      }
      const next = pair[bit] ?? null;
      if (next !== null && 'data' in next) throw new Error(`${prefix} overlaps another network`);
      if (next === null) {
        nodes.push([null, null]);
        pair[bit] = { node: nodes.length - 1 };
      }
      node = (pair[bit] as { node: number }).node;
    }
  }
  const nodeCount = nodes.length;
  const recordValue = (slot: Slot): number =>
    slot === null ? nodeCount : 'node' in slot ? slot.node : nodeCount + 16 + slot.data;
  const tree = Buffer.alloc(nodeCount * 6);
  nodes.forEach(([left, right], index) => {
    tree.writeUIntBE(recordValue(left), index * 6, 3);
    tree.writeUIntBE(recordValue(right), index * 6 + 3, 3);
  });
  const metadata = encodeValue({
    node_count: nodeCount,
    record_size: Uint16Array.of(24),
    ip_version: Uint16Array.of(6),
    database_type: options.databaseType,
    languages: ['en'],
    binary_format_major_version: Uint16Array.of(2),
    binary_format_minor_version: Uint16Array.of(0),
    build_epoch: BigInt(Math.floor(options.buildEpoch.getTime() / 1000)),
    description: { en: 'written by a geonotice test' },
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...data, METADATA_MARKER, metadata]);
}
