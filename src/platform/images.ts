import crypto from 'node:crypto';
import sharp, { type Metadata, type Sharp } from 'sharp';

/**
 * Uploaded pictures made safe to serve (docs/decisions/0052-uploaded-images.md). Every upload is
 * treated as hostile: its size is checked before anything reads it, only the raster formats we name are
 * decoded at all (recognised by their first bytes, so an SVG or a file in disguise never reaches a
 * decoder), the decoder refuses images of more pixels than `MAX_PIXELS` before allocating them (a
 * "pixel bomb" of a few kilobytes), and what is stored is always a fresh encoding at fixed widths: no
 * EXIF (GPS included), no ICC, XMP or comments, no second frame, nothing of the original file's bytes.
 */

/** Largest file accepted (checked before decoding). */
const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
/** Largest image accepted, in pixels (checked by the decoder before it allocates them): 50 megapixels. */
const MAX_PIXELS = 50_000_000;

/** How a kind of picture is cut: its shape and the widths made for `srcset`. */
interface ImagePreset {
  /** Width / height of every stored variant (cropped around the most interesting part). */
  aspect: number;
  widths: readonly number[];
  /** The smallest source width accepted (a smaller one would be blurry even at the smallest width). */
  minWidth: number;
}

const IMAGE_PRESETS = {
  /** Event covers: 16:9, for cards on phones up to the event page on a laptop. */
  cover: { aspect: 16 / 9, widths: [320, 640, 1280], minWidth: 320 },
  /** Speaker photos: square, shown at about 120 CSS pixels (twice and thrice that for dense screens). */
  photo: { aspect: 1, widths: [120, 240, 360], minWidth: 120 },
} as const satisfies Record<string, ImagePreset>;
export type ImageKind = keyof typeof IMAGE_PRESETS;

/** Why an upload was refused; the caller words it in the visitor's language. */
export type ImageProblem = 'empty' | 'tooLarge' | 'type' | 'tooManyPixels' | 'tooSmall' | 'unreadable';

export class ImageRejected extends Error {
  constructor(readonly problem: ImageProblem) {
    super(`image rejected: ${problem}`);
  }
}

type Fallback = 'jpeg' | 'png';

/** The format each picture is also kept in for browsers without WebP: PNG keeps transparency. */
const FALLBACKS: Record<Fallback, { extension: string; contentType: string; encode: (image: Sharp) => Promise<Buffer> }> = {
  jpeg: {
    extension: 'jpg',
    contentType: 'image/jpeg',
    encode: (image) => image.jpeg({ quality: 80, mozjpeg: true, progressive: true }).toBuffer(),
  },
  png: { extension: 'png', contentType: 'image/png', encode: (image) => image.png({ compressionLevel: 9, palette: true }).toBuffer() },
};
interface ImageVariant {
  /** File name within the image: `640.webp`, `640.jpg`. */
  name: string;
  contentType: string;
  body: Buffer;
}
interface ProcessedImage {
  /** Hex SHA-256 of every variant's bytes: the same bytes always give the same name. */
  hash: string;
  /** Size of the largest variant (the shape every variant shares). */
  width: number;
  height: number;
  widths: number[];
  fallback: Fallback;
  variants: ImageVariant[];
}

/** The formats decoded, by their signature; anything else (SVG, PDF, TIFF, HEIC, text…) is refused unread. */
function sniff(b: Buffer): string | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp' && /^avi[fs]$/.test(b.subarray(8, 12).toString('latin1')))
    return 'heif';
  return null;
}

// One image at a time per call and no cache of decoded images: uploads are rare, memory is shared.
sharp.cache(false);

/** The decoder, told to refuse a pixel bomb and to stop on any decoding error rather than guess. */
const decoder = (input: Buffer) =>
  sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error', pages: 1, sequentialRead: true }).timeout({ seconds: 20 });

/**
 * Checks an upload and makes its stored variants: each width of the preset up to the source's own, as
 * WebP and as JPEG (PNG when the picture has transparency), cropped to the preset's shape. Throws
 * `ImageRejected` for anything it will not serve.
 */
export async function processImage(input: Buffer, kind: ImageKind): Promise<ProcessedImage> {
  const preset: ImagePreset = IMAGE_PRESETS[kind];
  if (input.length === 0) throw new ImageRejected('empty');
  if (input.length > MAX_UPLOAD_BYTES) throw new ImageRejected('tooLarge');
  const format = sniff(input);
  if (!format) throw new ImageRejected('type');
  let meta: Metadata;
  try {
    meta = await decoder(input).metadata();
  } catch (err) {
    throw new ImageRejected(/pixel limit/i.test(String(err)) ? 'tooManyPixels' : 'unreadable');
  }
  // The signature and the decoder must agree (a JPEG header on another format is refused).
  if (meta.format !== format || !meta.width || !meta.height) throw new ImageRejected('type');
  if (meta.width * meta.height > MAX_PIXELS) throw new ImageRejected('tooManyPixels');
  // EXIF orientation 5–8 swaps the sides once applied.
  const [w, h] = (meta.orientation ?? 1) >= 5 ? [meta.height, meta.width] : [meta.width, meta.height];
  const cropWidth = Math.min(w, Math.floor(h * preset.aspect));
  if (cropWidth < preset.minWidth) throw new ImageRejected('tooSmall');
  const widths = preset.widths.filter((x) => x <= cropWidth);
  const fallback: Fallback = meta.hasAlpha ? 'png' : 'jpeg';
  const variants: ImageVariant[] = [];
  try {
    // Decoded once (orientation applied, metadata left behind), then each width is made from the pixels.
    const { data, info } = await decoder(input).rotate().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    // Every size and format at once: sharp works on libuv's thread pool, so an upload takes about the
    // time of its largest size instead of the sum of all six encodings.
    const made = await Promise.all(
      widths.map(async (width): Promise<ImageVariant[]> => {
        const height = Math.round(width / preset.aspect);
        const resized = await pixels()
          .resize(width, height, { fit: 'cover', position: sharp.strategy.attention })
          .toBuffer({ resolveWithObject: true });
        const again = () => sharp(resized.data, { raw: { width, height, channels: resized.info.channels } });
        const [webp, other] = await Promise.all([again().webp({ quality: 78, effort: 4 }).toBuffer(), FALLBACKS[fallback].encode(again())]);
        return [
          { name: `${width}.webp`, contentType: 'image/webp', body: webp },
          { name: `${width}.${FALLBACKS[fallback].extension}`, contentType: FALLBACKS[fallback].contentType, body: other },
        ];
      }),
    );
    variants.push(...made.flat());
  } catch {
    throw new ImageRejected('unreadable');
  }
  const hash = crypto.createHash('sha256');
  for (const v of variants) hash.update(v.name).update(v.body);
  const largest = widths[widths.length - 1];
  return {
    hash: hash.digest('hex'),
    width: largest,
    height: Math.round(largest / preset.aspect),
    widths,
    fallback,
    variants,
  };
}

/** The content type a stored variant's name stands for (only names this module makes). */
export function variantType(name: string): string | null {
  const ext = /^\d{2,4}\.(webp|jpg|png)$/.exec(name)?.[1];
  return ext === 'webp' ? 'image/webp' : ext === 'jpg' ? 'image/jpeg' : ext === 'png' ? 'image/png' : null;
}
