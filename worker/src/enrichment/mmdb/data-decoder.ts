/**
 * Decodes MaxMind DB data-section values into plain JavaScript, as `mmdb-lib` does: maps → objects,
 * arrays, UTF-8 strings, doubles and floats → numbers, uint16/uint32/int32 → numbers, uint64 and
 * uint128 → bigints, bytes → Buffers (copies), booleans. Pointers are followed. The data cache
 * container and end marker never sit where a reader looks (pointers lead into the container,
 * not to it) and are refused. Format: https://maxmind.github.io/MaxMind-DB/
 *
 * A `FieldSelection` decodes only some keys of maps: the others are skipped over, which for a
 * GeoIP2 record (names in eight languages, continent, registered country …) is most of it.
 */
import { corrupt } from './mmdb-error';
import type { PagedFile } from './paged-file';

/** Keys to keep in a map, each `true` (the whole value) or a selection of its own map. */
export interface FieldSelection {
  readonly [key: string]: FieldSelection | true;
}

/** Compiled form: a Map, so that keys such as `constructor` never match Object.prototype. */
type Selection = ReadonlyMap<string, Selection | null>;

export function compileSelection(fields: FieldSelection): Selection {
  return new Map(Object.entries(fields).map(([key, inner]) => [key, inner === true ? null : compileSelection(inner)]));
}

const enum Type {
  Extended = 0,
  Pointer = 1,
  Utf8String = 2,
  Double = 3,
  Bytes = 4,
  Uint16 = 5,
  Uint32 = 6,
  Map = 7,
  Int32 = 8,
  Uint64 = 9,
  Uint128 = 10,
  Array = 11,
  Container = 12,
  EndMarker = 13,
  Boolean = 14,
  Float = 15,
}

/** What pointers of size 1 and 2 add to their packed value (spec: "Pointer - 1"). */
const POINTER_BIAS = [0, 2048, 526_336, 0] as const;

/** Nesting deeper than this is a corrupt file, not a record (libmaxminddb's limit too). */
const MAX_DEPTH = 512;

/** Largest payload of each integer type, in bytes, by type number (spec; libmaxminddb refuses more). 0: not an integer. */
const MAX_INT_BYTES = Uint8Array.of(0, 0, 0, 0, 0, 2, 4, 0, 4, 8, 16, 0, 0, 0, 0, 0);

export class DataDecoder {
  /** File offset of the next byte to decode. */
  private pos = 0;
  /** File offset of the control byte of the value being decoded (for error messages). */
  private start = 0;

  /**
   * `pointerBase`: the file offset pointers count from (the data section, or the metadata);
   * `end`: the offset where the section ends. Every value and every pointer target must lie in
   * `[pointerBase, end)`: anything else is a corrupt file, reported as such.
   */
  constructor(
    private readonly file: PagedFile,
    private readonly pointerBase: number,
    private readonly end: number,
  ) {}

  /** The value at file `offset`; with `select`, maps keep only the selected keys. */
  decode(offset: number, select: Selection | null = null): unknown {
    if (offset < this.pointerBase || offset >= this.end) throw corrupt(this.file.path, `a search tree record points to byte ${offset}, outside the data section (${this.pointerBase}–${this.end})`);
    this.pos = offset;
    return this.value(select, 0);
  }

  private value(select: Selection | null, depth: number): unknown {
    this.start = this.pos;
    const ctrl = this.byte();
    let type = ctrl >>> 5;
    if (type === Type.Pointer) return this.followPointer(ctrl, select, depth);
    if (type === Type.Extended) type = this.extendedType();
    const size = this.payloadSize(ctrl);
    switch (type) {
      case Type.Map:
        return this.map(size, select, depth + 1);
      case Type.Array:
        return this.array(size, select, depth + 1);
      case Type.Boolean:
        // The size is the value; there is no payload.
        return size <= 1 ? size === 1 : this.fail(`a boolean of size ${size}`);
      default:
        return this.scalar(type, size);
    }
  }

  private scalar(type: number, size: number): unknown {
    if (this.pos + size > this.end) this.fail(`a value of ${size} bytes that runs past the end of the section`);
    const maxInt = MAX_INT_BYTES[type]!;
    if (maxInt !== 0 && size > maxInt) this.fail(`an integer of type ${type} and ${size} bytes (at most ${maxInt})`);
    const buf = this.file.read(this.pos, size);
    const at = this.file.at;
    this.pos += size;
    switch (type) {
      case Type.Utf8String:
        return buf.toString('utf8', at, at + size);
      case Type.Double:
        return size === 8 ? buf.readDoubleBE(at) : this.fail(`a double of ${size} bytes`);
      case Type.Float:
        return size === 4 ? buf.readFloatBE(at) : this.fail(`a float of ${size} bytes`);
      case Type.Bytes:
        return Buffer.from(buf.subarray(at, at + size));
      case Type.Uint16:
      case Type.Uint32:
        return size === 0 ? 0 : buf.readUIntBE(at, size);
      case Type.Int32:
        // Shorter than 4 bytes is zero-padded, so never negative (as libmaxminddb reads it).
        return size === 0 ? 0 : size < 4 ? buf.readUIntBE(at, size) : buf.readInt32BE(at);
      case Type.Uint64:
      case Type.Uint128:
        return bigUint(buf, at, size);
      default:
        return this.fail(`type ${type}`);
    }
  }

  private map(size: number, select: Selection | null, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) this.fail(`maps and arrays nested more than ${MAX_DEPTH} deep`);
    // Each key and value takes at least one byte.
    if (2 * size > this.end - this.pos) this.fail(`a map of ${size} entries that runs past the end of the section`);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < size; i++) {
      const key = this.value(null, depth);
      if (typeof key !== 'string') this.fail(`a map key that is not a string`);
      if (select === null) {
        out[key] = this.value(null, depth);
        continue;
      }
      const inner = select.get(key);
      if (inner === undefined) this.skip(depth);
      else out[key] = this.value(inner, depth);
    }
    return out;
  }

  /** A selection applies to the maps inside an array too (GeoIP2's `subdivisions`). */
  private array(size: number, select: Selection | null, depth: number): unknown[] {
    if (depth > MAX_DEPTH) this.fail(`maps and arrays nested more than ${MAX_DEPTH} deep`);
    // Each element takes at least one byte: a larger count is corrupt (and no huge array is made for it).
    if (size > this.end - this.pos) this.fail(`an array of ${size} elements that runs past the end of the section`);
    const out = new Array<unknown>(size);
    for (let i = 0; i < size; i++) out[i] = this.value(select, depth);
    return out;
  }

  /** Pointers lead to a value, never to another pointer (spec): a loop of them cannot happen. */
  private followPointer(ctrl: number, select: Selection | null, depth: number): unknown {
    const target = this.pointerTarget(ctrl);
    const after = this.pos;
    this.pos = target;
    if (this.peekType() === Type.Pointer) this.fail(`a pointer to another pointer (at byte ${target})`);
    const value = this.value(select, depth);
    this.pos = after;
    return value;
  }

  /** Moves past one value without building it (a pointer is passed over, not followed). */
  private skip(depth: number): void {
    this.start = this.pos;
    const ctrl = this.byte();
    let type = ctrl >>> 5;
    if (type === Type.Pointer) {
      this.pos += ((ctrl >>> 3) & 3) + 1;
      return;
    }
    if (type === Type.Extended) type = this.extendedType();
    const size = this.payloadSize(ctrl);
    if (type === Type.Map || type === Type.Array) {
      if (depth + 1 > MAX_DEPTH) this.fail(`maps and arrays nested more than ${MAX_DEPTH} deep`);
      const values = type === Type.Map ? 2 * size : size;
      for (let i = 0; i < values; i++) this.skip(depth + 1);
    } else if (type !== Type.Boolean) {
      if (this.pos + size > this.end) this.fail(`a value of ${size} bytes that runs past the end of the section`);
      this.pos += size;
    }
  }

  private pointerTarget(ctrl: number): number {
    const extra = ((ctrl >>> 3) & 3) + 1;
    const buf = this.file.read(this.pos, extra);
    const at = this.file.at;
    this.pos += extra;
    // Sizes 0–2 put the control byte's low 3 bits in front of the next 1–3 bytes; size 3 is the next 4 bytes alone.
    const packed = extra === 4 ? buf.readUInt32BE(at) : (ctrl & 7) * 2 ** (8 * extra) + buf.readUIntBE(at, extra);
    const target = this.pointerBase + packed + POINTER_BIAS[extra - 1]!;
    if (target >= this.end) this.fail(`a pointer to byte ${target}, outside the section (${this.pointerBase}–${this.end})`);
    return target;
  }

  private peekType(): number {
    const buf = this.file.read(this.pos, 1);
    return buf[this.file.at]! >>> 5;
  }

  private extendedType(): number {
    const type = 7 + this.byte();
    if (type < Type.Int32 || type === Type.Container || type === Type.EndMarker || type > Type.Float) this.fail(`extended type ${type}`);
    return type;
  }

  /** The 5 low bits of the control byte, extended by 1–3 bytes for sizes of 29 and more. */
  private payloadSize(ctrl: number): number {
    const size = ctrl & 0x1f;
    if (size < 29) return size;
    const extra = size - 28;
    const buf = this.file.read(this.pos, extra);
    const value = buf.readUIntBE(this.file.at, extra);
    this.pos += extra;
    return size === 29 ? 29 + value : size === 30 ? 285 + value : 65_821 + value;
  }

  private byte(): number {
    if (this.pos >= this.end) this.fail('a value that runs past the end of the section');
    const buf = this.file.read(this.pos++, 1);
    return buf[this.file.at]!;
  }

  private fail(what: string): never {
    throw corrupt(this.file.path, `cannot decode ${what}, in the value at byte ${this.start}`);
  }
}

function bigUint(buf: Buffer, at: number, size: number): bigint {
  let value = 0n;
  for (let i = 0; i < size; i++) value = (value << 8n) | BigInt(buf[at + i]!);
  return value;
}
