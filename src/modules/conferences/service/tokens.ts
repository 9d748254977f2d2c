import { signLink, verifyLink } from '../../../platform/auth/tokens';

const SPEAKER_LINK = 'confspeaker';

/** The speaker view of one session: a signed link organizers hand to its speakers. */
export const speakerToken = (secret: Uint8Array, sessionId: string) => signLink(secret, SPEAKER_LINK, { s: sessionId });
export async function sessionFromSpeakerToken(secret: Uint8Array, token: string): Promise<string | null> {
  const c = await verifyLink<{ s: string }>(secret, SPEAKER_LINK, token);
  return c && typeof c.s === 'string' ? c.s : null;
}
