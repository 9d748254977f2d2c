/** A YouTube video id: 11 characters of letters, digits, `-` and `_`. */
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;

/**
 * The video a YouTube address points at (`watch?v=`, `youtu.be/`, `/live/`, `/embed/`, `/shorts/`),
 * or null for any other address: only those are asked about.
 */
export function youtubeVideoId(address: string): string | null {
  let u: URL;
  try {
    u = new URL(address);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase().replace(/^(www|m)\./, '');
  let id: string | null = null;
  if (host === 'youtu.be') id = u.pathname.split('/')[1] ?? null;
  else if (host === 'youtube.com') {
    const [, first, second] = u.pathname.split('/');
    id = first === 'watch' ? u.searchParams.get('v') : ['live', 'embed', 'shorts'].includes(first ?? '') ? (second ?? null) : null;
  }
  return id && VIDEO_ID.test(id) ? id : null;
}
