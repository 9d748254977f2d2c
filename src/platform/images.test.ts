import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageRejected, processImage, variantType } from './images';

const photo = (width: number, height: number, format: 'jpeg' | 'png' | 'webp' | 'gif' = 'jpeg', channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: channels === 4 ? { r: 200, g: 40, b: 90, alpha: 0.5 } : '#2a6f97' } })
    .toFormat(format)
    .toBuffer();

async function problemOf(input: Buffer, kind: 'cover' | 'photo' = 'cover') {
  try {
    await processImage(input, kind);
  } catch (err) {
    if (err instanceof ImageRejected) return err.problem;
    throw err;
  }
  return null;
}

/** A PNG whose header claims `w` × `h` pixels, with almost no data: a "pixel bomb". */
function pngClaiming(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('uploaded images', () => {
  it('makes each width up to the source as WebP and JPEG, cropped to the shape, with no metadata left', async () => {
    const withGps = await sharp(await photo(1600, 1200))
      .withExif({ IFD0: { Artist: 'Someone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 3/1 0/1' } })
      .jpeg()
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const r = await processImage(withGps, 'cover');
    expect(r.widths).toEqual([320, 640, 1280]);
    expect([r.width, r.height, r.fallback]).toEqual([1280, 720, 'jpeg']);
    expect(r.variants.map((v) => v.name)).toEqual(['320.webp', '320.jpg', '640.webp', '640.jpg', '1280.webp', '1280.jpg']);
    for (const v of r.variants) {
      const m = await sharp(v.body).metadata();
      expect(m.format).toBe(v.name.endsWith('webp') ? 'webp' : 'jpeg');
      expect(m.width! / m.height!).toBeCloseTo(16 / 9, 1);
      expect(m.exif).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(v.body.includes(Buffer.from('Someone'))).toBe(false);
      expect(variantType(v.name)).toBe(v.contentType);
    }
    // Same bytes, same hash (the address is the content).
    expect((await processImage(withGps, 'cover')).hash).toBe(r.hash);
  });

  it('keeps transparency as PNG, never enlarges, and makes square photos', async () => {
    const r = await processImage(await photo(300, 500, 'png', 4), 'photo');
    expect(r.fallback).toBe('png');
    expect(r.widths).toEqual([120, 240]);
    expect([r.width, r.height]).toEqual([240, 240]);
    expect(r.variants.map((v) => v.contentType)).toEqual(['image/webp', 'image/png', 'image/webp', 'image/png']);
    expect((await processImage(await photo(700, 400, 'webp'), 'cover')).widths).toEqual([320, 640]);
    expect((await processImage(await photo(400, 400, 'gif'), 'photo')).widths).toEqual([120, 240, 360]);
  });

  it('refuses SVG, disguised and broken files, pixel bombs, tiny and oversized files', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="2000"><script>alert(1)</script></svg>');
    expect(await problemOf(svg)).toBe('type');
    expect(await problemOf(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('type');
    expect(await problemOf(Buffer.from('%PDF-1.4 hello'))).toBe('type');
    // A JPEG signature in front of something else.
    expect(await problemOf(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), await photo(800, 600, 'png')]))).toMatch(/type|unreadable/);
    const jpeg = await photo(800, 600);
    expect(await problemOf(jpeg.subarray(0, jpeg.length / 2))).toBe('unreadable');
    expect(await problemOf(pngClaiming(100_000, 100_000))).toBe('tooManyPixels');
    expect(await problemOf(await photo(200, 200))).toBe('tooSmall');
    expect(await problemOf(await photo(100, 100), 'photo')).toBe('tooSmall');
    expect(await problemOf(Buffer.alloc(0))).toBe('empty');
    expect(await problemOf(Buffer.concat([jpeg, Buffer.alloc(9 * 1024 * 1024)]))).toBe('tooLarge');
  });

  it('names only the files it makes', () => {
    expect(variantType('640.webp')).toBe('image/webp');
    expect(variantType('640.jpg')).toBe('image/jpeg');
    expect(variantType('120.png')).toBe('image/png');
    expect(variantType('640.svg')).toBeNull();
    expect(variantType('../x.jpg')).toBeNull();
  });
});
