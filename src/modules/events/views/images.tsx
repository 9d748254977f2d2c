import type { Ctx } from '../../../platform/http/context';
import { hrefOf } from '../../../platform/http/urls';
import type { Cover, ImageRef, Speaker } from '../schema';
import { pick } from '../lib/text';

/** Where a stored picture's file is served (the key holds its content hash, so it is cached for good). */
export const imageUrl = (ref: ImageRef, name: string) => `/event-images/${ref.key}/${name}`;

/**
 * A stored picture as `<picture>`: WebP for browsers that take it, JPEG (or PNG) for the rest, each at
 * every stored width so the browser picks by `sizes`; width and height set so nothing shifts when it
 * arrives, and lazy so a page's weight is only what a visitor scrolls to.
 */
function Picture(props: { image: ImageRef; alt: string; sizes: string; class: string; shown: number }) {
  const { image } = props;
  const ext = image.fallback === 'png' ? 'png' : 'jpg';
  const srcset = (format: string) => image.widths.map((w) => `${imageUrl(image, `${w}.${format}`)} ${w}w`).join(', ');
  // The fallback `src`: the smallest width at least as wide as shown, for browsers without srcset.
  const src = image.widths.find((w) => w >= props.shown) ?? image.widths[image.widths.length - 1];
  return (
    <picture class={props.class}>
      <source type="image/webp" srcset={srcset('webp')} sizes={props.sizes} />
      <img
        src={imageUrl(image, `${src}.${ext}`)}
        srcset={srcset(ext)}
        sizes={props.sizes}
        width={String(image.width)}
        height={String(image.height)}
        alt={props.alt}
        loading="lazy"
        decoding="async"
      />
    </picture>
  );
}

/**
 * An event's cover. On the event page it carries its text alternative; on a card it sits beside the
 * title that links to the same event, so it is decorative there (`alt=""`) and a screen reader hears
 * the title once.
 */
export function CoverImage(props: { c: Ctx; cover: Cover | null | undefined; card?: boolean }) {
  const { cover } = props;
  if (!cover) return null;
  const alt = props.card ? '' : (pick(cover.alt, props.c.var.locale).text ?? '');
  return (
    <Picture
      image={cover}
      alt={alt}
      class={props.card ? 'pw-cover pw-cover--card' : 'pw-cover'}
      sizes={props.card ? '(min-width: 64em) 20rem, (min-width: 40em) 50vw, 100vw' : '(min-width: 64em) 40rem, 100vw'}
      shown={props.card ? 320 : 640}
    />
  );
}

/** A speaker's photo: the uploaded one, or (set through the API) a photo address the organizer gave. */
export function SpeakerPhoto(props: { s: Speaker }) {
  const { s } = props;
  if (s.photo) return <Picture image={s.photo} alt={s.photoAlt ?? ''} class="pw-speaker-photo" sizes="120px" shown={120} />;
  const href = hrefOf(s.photoUrl);
  return href ? <img class="pw-speaker-photo" src={href} alt={s.photoAlt ?? ''} width="120" height="120" loading="lazy" /> : null;
}
