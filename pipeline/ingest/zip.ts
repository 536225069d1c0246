/**
 * Zip files, read with limits: an ODK Central download (`.csv.zip`) and every `.xlsx` (a zip of
 * XML parts). A 1 MB zip can unpack to gigabytes, so nothing is unpacked whole on trust:
 *
 * - the central directory is read first: at most 1,000 entries; the sizes it declares are checked
 *   against the limits before anything is unpacked;
 * - each entry is then unpacked with a running count (zlib stops at the limit, whatever the header
 *   said), and its checksum is compared, so an entry that lies about its size is refused at the
 *   limit and a damaged one is named;
 * - encrypted entries, ZIP64 and compression other than deflate or none are refused by name.
 *
 * The limits are the callers': an ODK zip holds at most one file's worth of CSV (`maxFileBytes`), a
 * workbook's XML parts together at most four times that (`maxUnzippedXml`), since a sheet's XML is
 * several times the size of the same CSV.
 */
import { crc32, createInflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { JejaringError } from '../errors.ts';
import { maxFileBytes } from './csv.ts';

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  /** The unpacked size the central directory declares (may lie). */
  declaredSize: number;
  /** Where the entry's data start in the file. */
  dataStart: number;
}

/** The most entries a zip may list: an ODK download holds a few CSVs, a workbook a few dozen parts. */
export const MAX_ZIP_ENTRIES = 1000;

/** The most a workbook's XML parts may unpack to, together (4 × the file limit: 256 MB). */
export const maxUnzippedXml = (env: NodeJS.ProcessEnv = process.env) => 4 * maxFileBytes(env);

/** The container's own code for a damaged file: an Excel workbook or a zip. */
type Damaged = 'XLSX_UNREADABLE' | 'ZIP_UNREADABLE';

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The entries of a zip, from its central directory. */
export function zipEntries(bytes: Buffer, file: string, damaged: Damaged): ZipEntry[] {
  const fail = (): never => {
    throw new JejaringError(damaged, {}, { file });
  };
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) fail();
  const count = bytes.readUInt16LE(end + 10);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new JejaringError('ZIP_UNSUPPORTED', { feature: 'ZIP64' }, { file });
  if (count > MAX_ZIP_ENTRIES) throw new JejaringError('ZIP_TOO_MANY_ENTRIES', { count, limit: MAX_ZIP_ENTRIES }, { file });
  const entries: ZipEntry[] = [];
  for (let i = 0, p = offset; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) fail();
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const nameLength = bytes.readUInt16LE(p + 28);
    const local = bytes.readUInt32LE(p + 42);
    const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    const entry = {
      name,
      method,
      crc: bytes.readUInt32LE(p + 16),
      compressedSize: bytes.readUInt32LE(p + 20),
      declaredSize: bytes.readUInt32LE(p + 24),
      dataStart: 0,
    };
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    if (flags & 0x1) throw new JejaringError('ZIP_UNSUPPORTED', { feature: `encryption (${name})` }, { file });
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff)
      throw new JejaringError('ZIP_UNSUPPORTED', { feature: 'ZIP64' }, { file });
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) fail();
    entry.dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (entry.dataStart + entry.compressedSize > bytes.length) fail();
    if (method !== 0 && method !== 8 && !name.endsWith('/'))
      throw new JejaringError('ZIP_UNSUPPORTED', { feature: `compression method ${method} (${name})` }, { file });
    entries.push(entry);
  }
  return entries;
}

/** Refuse entries whose declared sizes pass the limits, before anything is unpacked. */
export function checkDeclared(entries: ZipEntry[], file: string, entryLimit: number, totalLimit: number): void {
  for (const e of entries)
    if (e.declaredSize > entryLimit)
      throw new JejaringError('ZIP_ENTRY_TOO_LARGE', { entry: e.name, size: mb(e.declaredSize), limit: mb(entryLimit) }, { file });
  const total = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (total > totalLimit) throw new JejaringError('ZIP_TOO_LARGE', { size: mb(total), limit: mb(totalLimit) }, { file });
}

/** Refuse a zip whose entries, as unpacked so far, pass the limit for all of them together. */
export function refuseUnpacked(total: number, limit: number, file: string): void {
  if (total > limit) throw new JejaringError('ZIP_TOO_LARGE', { size: `> ${mb(limit)}`, limit: mb(limit) }, { file });
}

const tooLarge = (e: ZipEntry, file: string, limit: number) =>
  new JejaringError('ZIP_ENTRY_TOO_LARGE', { entry: e.name, size: `> ${mb(limit)}`, limit: mb(limit) }, { file });

/** One entry unpacked into memory, at most `limit` bytes whatever its header says; its checksum checked. */
export function unzipEntry(bytes: Buffer, e: ZipEntry, file: string, damaged: Damaged, limit: number): Buffer {
  const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  let out: Buffer;
  if (e.method === 0) {
    if (data.length > limit) throw tooLarge(e, file, limit);
    out = data;
  } else {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, limit) });
    } catch (cause) {
      if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(e, file, limit);
      throw new JejaringError(damaged, {}, { file }, 1, { cause });
    }
  }
  if (crc32(out) >>> 0 !== e.crc >>> 0) throw new JejaringError(damaged, {}, { file });
  return out;
}

/**
 * One entry streamed through `onChunk` without being held, at most `limit` bytes whatever its header
 * says (the stream stops there); its checksum checked. Returns the bytes it unpacked to.
 */
export async function scanEntry(
  bytes: Buffer,
  e: ZipEntry,
  file: string,
  damaged: Damaged,
  limit: number,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === 0) {
    if (data.length > limit) throw tooLarge(e, file, limit);
    onChunk(data);
    if (crc32(data) >>> 0 !== e.crc >>> 0) throw new JejaringError(damaged, {}, { file });
    return data.length;
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 1 << 20 });
    let size = 0;
    let crc = 0;
    let failed = false;
    const stop = (error: JejaringError) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) return stop(tooLarge(e, file, limit));
      crc = crc32(chunk, crc);
      try {
        onChunk(chunk);
      } catch (error) {
        stop(error as JejaringError);
      }
    });
    inflate.on('error', (cause) => stop(new JejaringError(damaged, {}, { file }, 1, { cause })));
    inflate.on('end', () => {
      if (failed) return;
      if (crc >>> 0 !== e.crc >>> 0) stop(new JejaringError(damaged, {}, { file }));
      else resolve(size);
    });
    inflate.end(data);
  });
}

/** A member of a zip to write: its name and its data, packed (deflated or stored) as given. */
export interface PackedMember {
  name: string;
  method: number;
  crc: number;
  size: number;
  packed: Uint8Array;
}

/** Pack text as a deflated member. */
export function packText(name: string, text: string): PackedMember {
  const raw = Buffer.from(text, 'utf8');
  return { name, method: 8, crc: crc32(raw) >>> 0, size: raw.length, packed: deflateRawSync(raw) };
}

/** A member copied as it is packed in `bytes`, under another name. */
export function copyMember(bytes: Buffer, e: ZipEntry, name: string): PackedMember {
  return {
    name,
    method: e.method,
    crc: e.crc >>> 0,
    size: e.declaredSize,
    packed: bytes.subarray(e.dataStart, e.dataStart + e.compressedSize),
  };
}

/** A plain zip of the members in the order given (sizes and checksums in the local headers, no data descriptors). */
export function writeZip(members: PackedMember[]): Buffer {
  const parts: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const fields = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at);
      b.writeUInt16LE(0x0800, at + 2);
      b.writeUInt16LE(m.method, at + 4);
      b.writeUInt32LE(0x00210000, at + 6);
      b.writeUInt32LE(m.crc, at + 10);
      b.writeUInt32LE(m.packed.length, at + 14);
      b.writeUInt32LE(m.size, at + 18);
      b.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    fields(entry, 6);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, m.packed);
    central.push(entry, name);
    offset += 30 + name.length + m.packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
