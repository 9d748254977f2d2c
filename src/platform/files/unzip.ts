import { Unzip, UnzipInflate } from 'fflate';

/**
 * Opens an uploaded ZIP without trusting it. A few hundred kilobytes of deflated zeros expand to
 * gigabytes, so entries are inflated a few kilobytes of input at a time and the whole thing is
 * abandoned as soon as the output passes a total or looks like a bomb (see decision 0009).
 */

export class ZipRefused extends Error {
  constructor(readonly reason: 'tooLarge' | 'unreadable') {
    super(`zip ${reason}`);
    this.name = 'ZipRefused';
  }
}

export interface UnzipLimits {
  /** Entries to inflate; the others are skipped without being decompressed. */
  accept?: (name: string) => boolean;
  /** Total uncompressed bytes of the accepted entries. */
  maxBytes?: number;
  /** Largest ratio of uncompressed output to the ZIP's size, once past `ratioFreeBytes`. */
  maxRatio?: number;
  ratioFreeBytes?: number;
}

export const UNZIP_MAX_BYTES = 50 * 1_048_576;
const UNZIP_MAX_RATIO = 100;
const RATIO_FREE_BYTES = 1_048_576;
/** Deflate expands at most about 1032:1, so one push of this much input yields at most ~8 MB. */
const INPUT_STEP = 8 * 1024;

export function unzipBounded(data: Uint8Array, limits: UnzipLimits = {}): Record<string, Uint8Array> {
  const maxBytes = limits.maxBytes ?? UNZIP_MAX_BYTES;
  const maxRatio = limits.maxRatio ?? UNZIP_MAX_RATIO;
  const free = limits.ratioFreeBytes ?? RATIO_FREE_BYTES;
  const out: Record<string, Uint8Array> = {};
  const parts = new Map<string, Uint8Array[]>();
  let total = 0;
  let failure: ZipRefused | null = null;
  const tooBig = () => total > maxBytes || (total > free && total > maxRatio * data.length);
  const unzip = new Unzip((file) => {
    if (failure || (limits.accept && !limits.accept(file.name))) return;
    // A declared size is only a claim, but one already over the limit need not be inflated to refuse.
    if (file.originalSize !== undefined && file.originalSize > maxBytes) {
      failure = new ZipRefused('tooLarge');
      return;
    }
    const chunks: Uint8Array[] = [];
    parts.set(file.name, chunks);
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new ZipRefused('unreadable');
        return;
      }
      total += chunk.length;
      if (tooBig()) {
        failure = new ZipRefused('tooLarge');
        chunks.length = 0;
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) out[file.name] = concat(chunks);
    };
    try {
      file.start();
    } catch {
      failure = new ZipRefused('unreadable');
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < data.length && !failure; i += INPUT_STEP)
      unzip.push(data.subarray(i, i + INPUT_STEP), i + INPUT_STEP >= data.length);
  } catch {
    failure ??= new ZipRefused('unreadable');
  }
  if (failure) throw failure;
  // An entry whose data never ended was cut off.
  for (const name of parts.keys()) if (!(name in out)) throw new ZipRefused('unreadable');
  return out;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}
