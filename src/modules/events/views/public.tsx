import { hrefOf } from '../../../platform/http/urls';
import type { Ctx } from '../../../platform/http/context';
import { localePath, type Locale } from '../../../platform/i18n';
import { formatWhenRange, zoneAbbreviation } from '../../../platform/i18n/format';
import { rawHtml } from '../../../platform/ui/layout';
import { Alert } from '../../../platform/ui/components';
import type { PromotedJob } from '../service/hooks';
import { tr, type EventsKey } from '../messages';
import type { EventRow, LocalText, RsvpRow, SeriesRow } from '../schema';
import { calendarLinks, mapLink } from '../lib/calendar';
import { renderMarkdown } from '../../../platform/markdown';
import { pick, youtubeEmbed } from '../lib/text';
import { RsvpForm } from './rsvp-form';
import { CoverImage, SpeakerPhoto } from './images';

/** Organizer text in the reader's language; the other language is shown marked when missing. */
export function Local(props: { c: Ctx; text: LocalText | null | undefined; as?: 'span' | 'p' }) {
  const p = pick(props.text, props.c.var.locale);
  if (!p.text) return null;
  // The note is in the reader's language, even beside text in the other one.
  const note = p.fallback ? (
    <span class="pw-fallback" lang={props.c.var.locale}>
      {' '}
      ({tr(props.c)(`events.fallback.${p.lang}`)})
    </span>
  ) : null;
  return props.as === 'p' ? (
    <p lang={p.lang}>
      {p.text}
      {note}
    </p>
  ) : (
    <span lang={p.fallback ? p.lang : undefined}>
      {p.text}
      {note}
    </span>
  );
}

/** When, in the event's zone with its abbreviation; and in the viewer's zone too when it differs. */
export function When(props: { c: Ctx; e: EventRow; viewerZone?: string | null }) {
  const { c, e } = props;
  const l = c.var.locale;
  const main = formatWhenRange(l, e.startsAt, e.endsAt, e.timeZone);
  const vz = props.viewerZone;
  const other = vz && vz !== e.timeZone && zoneAbbreviation(l, e.startsAt, vz) !== zoneAbbreviation(l, e.startsAt, e.timeZone);
  return (
    <>
      <time datetime={e.startsAt.toISOString()}>{main}</time>
      {other && <span class="pw-meta"> · {tr(c)('events.yourTime', { time: formatWhenRange(l, e.startsAt, e.endsAt, vz!) })}</span>}
    </>
  );
}

/** Where, in a few words: the venue's name (or address), "Online", or both for a hybrid event. */
function placeText(c: Ctx, e: EventRow): string {
  const t = tr(c);
  if (e.format === 'online') return t('events.format.online');
  const venue = e.venue.name?.trim() || e.venue.address?.trim();
  if (!venue) return t(`events.format.${e.format}`);
  return e.format === 'hybrid' ? `${venue} · ${t('events.format.online')}` : venue;
}

export function EventCard(props: { c: Ctx; e: EventRow; headingLevel?: 2 | 3 }) {
  const { c, e } = props;
  const t = tr(c);
  const H = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="usa-card pw-event-card">
      <div class="usa-card__container">
        <div class="usa-card__header">
          <H class="usa-card__heading">
            <a href={localePath(c.var.locale, `/events/${e.slug}`)}>
              <Local c={c} text={e.title} />
            </a>
          </H>
        </div>
        {e.cover && (
          <div class="usa-card__media">
            <div class="usa-card__img">
              <CoverImage c={c} cover={e.cover} card />
            </div>
          </div>
        )}
        <div class="usa-card__body">
          <p class="pw-event-card__when">
            <When c={c} e={e} />
          </p>
          <p class="pw-meta">
            {placeText(c, e)}
            {e.status !== 'published' && <strong> · {t(`events.eventStatus.${e.status}`)}</strong>}
            {e.recordingUrl && e.endsAt < new Date() && <> · {t('events.hasRecording')}</>}
          </p>
          <Local c={c} text={e.summary} as="p" />
        </div>
      </div>
    </li>
  );
}

export function EventPage(props: {
  c: Ctx;
  e: EventRow;
  series: SeriesRow | null;
  mine: RsvpRow | null;
  jobs: PromotedJob[];
  /** Surveys of this event people may answer now, from the surveys module (relative URLs). */
  surveys: { label: string; url: string }[];
  /** A career fair's registration and booth list (the first is the main action); empty for other events. */
  fairLinks?: { label: string; url: string }[];
  canManage: boolean;
  /** `created` or `updated` after the organizer's form saved it (shown only to those who manage it). */
  saved?: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  viewerZone: string | null;
  /** Why RSVPs are closed (a message key), or null while they are open. */
  closed: EventsKey | null;
  /** RSVPs taken only another way (a symposium's applications), and whether a post was just refused. */
  refusal: { text: string; link: { label: string; url: string }; refused: boolean } | null;
}) {
  const { c, e, series, mine, jobs, surveys, closed } = props;
  const t = tr(c);
  const l: Locale = c.var.locale;
  const now = new Date();
  const live = now >= new Date(e.startsAt.getTime() - 15 * 60_000) && now <= e.endsAt;
  const past = now > e.endsAt;
  const embed = live ? youtubeEmbed(e.livestreamUrl) : past ? youtubeEmbed(e.recordingUrl) : null;
  const links = calendarLinks(e, l, c.var.deps.config.baseUrl);
  const description = pick(e.description, l);
  const spots = e.capacity === null ? null : Math.max(0, e.capacity - e.goingCount);
  const map = e.format !== 'online' ? mapLink(e.venue) : undefined;
  return (
    <article class="pw-event">
      <CoverImage c={c} cover={e.cover} />
      <header class="pw-event__header">
        {series && (
          <p class="pw-meta">
            <a href={localePath(l, `/events/series/${series.slug}`)}>
              <Local c={c} text={series.title} />
            </a>
          </p>
        )}
        <h1>
          <Local c={c} text={e.title} />
        </h1>
        {e.status !== 'published' && (
          <div class="usa-alert usa-alert--warning usa-alert--slim" role="status">
            <div class="usa-alert__body">
              <p class="usa-alert__text">{t(`events.eventStatus.${e.status}.notice`)}</p>
            </div>
          </div>
        )}
        <Local c={c} text={e.summary} as="p" />
        {props.canManage && (props.saved === 'created' || props.saved === 'updated') && (
          <Alert type="success">{t(`events.saved.${props.saved}`)}</Alert>
        )}
      </header>
      {/* On a laptop the side box (when, where, RSVP) stands beside the rest; on a phone it comes first. */}
      <div class="pw-event__layout">
        <aside class="pw-event__side" aria-label={t('events.side')}>
          <dl class="pw-facts">
            <dt>{t('events.when')}</dt>
            <dd>
              <When c={c} e={e} viewerZone={props.viewerZone} />
            </dd>
            <dt>{t('events.format')}</dt>
            <dd>{t(`events.format.${e.format}`)}</dd>
            {e.format !== 'online' && (e.venue.name || e.venue.address) && (
              <>
                <dt>{t('events.where')}</dt>
                <dd>
                  {[e.venue.name, e.venue.address].filter(Boolean).join(', ')}
                  {map && (
                    <>
                      {' '}
                      (<a href={map}>{t('events.map')}</a>)
                    </>
                  )}
                </dd>
              </>
            )}
            {spots !== null && !past && (
              <>
                <dt>{t('events.seats')}</dt>
                <dd>{spots > 0 ? t('events.spotsLeft', { count: spots }) : t('events.full')}</dd>
              </>
            )}
          </dl>
          <section aria-labelledby="rsvp-heading">
            <h2 id="rsvp-heading">{t('events.rsvp.title')}</h2>
            {mine && mine.status !== 'cancelled' && mine.status !== 'declined' ? (
              <p>{t(`events.rsvp.youAre.${mine.status}`)}</p>
            ) : closed ? (
              <p>{t(closed)}</p>
            ) : props.refusal ? (
              <div class={`usa-alert usa-alert--${props.refusal.refused ? 'error' : 'info'} usa-alert--slim`} role="status">
                <div class="usa-alert__body">
                  <p class="usa-alert__text">
                    {props.refusal.text} <a href={props.refusal.link.url}>{props.refusal.link.label}</a>
                  </p>
                </div>
              </div>
            ) : (
              <RsvpForm c={c} e={e} values={props.values} errors={props.errors} />
            )}
            <ul class="pw-event__calendar">
              <li>
                <a href={links.google}>{t('events.calendar.google')}</a>
              </li>
              <li>
                <a href={links.outlook}>{t('events.calendar.outlook')}</a>
              </li>
              <li>
                <a href={links.ics}>{t('events.calendar.apple')}</a>
              </li>
            </ul>
          </section>
        </aside>
        <div class="pw-event__main">
          {props.canManage && (
            <p class="pw-actions">
              <a class="usa-button usa-button--outline" href={localePath(l, `/events/${e.slug}/edit`)}>
                {t('events.edit')}
              </a>
              <a class="usa-button usa-button--outline" href={localePath(l, `/events/${e.slug}/attendees`)}>
                {t('events.attendees')}
              </a>
              <a class="usa-button usa-button--outline" href={localePath(l, `/events/${e.slug}/checkin`)}>
                {t('events.checkin.title')}
              </a>
            </p>
          )}
          {props.fairLinks && props.fairLinks.length > 0 && (
            <p class="pw-actions">
              {props.fairLinks.map((f, i) => (
                <a class={i === 0 ? 'usa-button' : 'usa-button usa-button--outline'} href={f.url}>
                  {f.label}
                </a>
              ))}
            </p>
          )}
          {embed && (
            <section aria-labelledby="video-heading">
              <h2 id="video-heading">{live ? t('events.watchLive') : t('events.recording')}</h2>
              <div class="pw-video">
                <iframe
                  src={embed}
                  title={live ? t('events.watchLive') : t('events.recording')}
                  loading="lazy"
                  allow="encrypted-media; picture-in-picture; fullscreen"
                  referrerpolicy="strict-origin-when-cross-origin"
                ></iframe>
              </div>
            </section>
          )}
          {past && hrefOf(e.recordingUrl) && !embed && (
            <p>
              <a href={hrefOf(e.recordingUrl)}>{t('events.recording')}</a>
            </p>
          )}
          {description.text && (
            <section aria-labelledby="about-heading" lang={description.lang}>
              <h2 id="about-heading">{t('events.about')}</h2>
              {description.fallback && (
                <p class="pw-fallback" lang={c.var.locale}>
                  {t(`events.fallback.${description.lang}`)}
                </p>
              )}
              {rawHtml(renderMarkdown(description.text))}
            </section>
          )}
          {e.speakers.length > 0 && (
            <section aria-labelledby="speakers-heading">
              <h2 id="speakers-heading">{t('events.speakers')}</h2>
              <ul class="pw-grid">
                {e.speakers.map((s) => (
                  <li>
                    <SpeakerPhoto s={s} />
                    <h3>{s.name}</h3>
                    <p class="pw-meta">{[s.title, s.organization].filter(Boolean).join(', ')}</p>
                    <Local c={c} text={s.bio} as="p" />
                  </li>
                ))}
              </ul>
            </section>
          )}
          {e.format !== 'online' && (
            <section aria-labelledby="access-heading">
              <h2 id="access-heading">{t('events.access.title')}</h2>
              <ul class="usa-list">
                <li>{e.accessibility.stepFree ? t('events.access.stepFree') : t('events.access.askStepFree')}</li>
                {e.accessibility.restrooms && <li>{t('events.access.restrooms')}</li>}
                <li>{e.accessibility.interpretation ? t('events.access.interpretation') : t('events.access.askInterpretation')}</li>
                {e.accessibility.transit && <li>{e.accessibility.transit}</li>}
              </ul>
              <Local c={c} text={e.accessibility.notes} as="p" />
            </section>
          )}
          {surveys.length > 0 && (
            <section aria-labelledby="surveys-heading">
              <h2 id="surveys-heading">{t('events.surveys')}</h2>
              <ul class="usa-list">
                {surveys.map((s) => (
                  <li>
                    <a href={s.url}>{s.label}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {(e.links.length > 0 || jobs.length > 0) && (
            <section aria-labelledby="jobs-heading">
              <h2 id="jobs-heading">{t('events.opportunities')}</h2>
              <ul class="usa-list">
                {jobs.map((j) => (
                  <li>
                    <a href={j.url}>{j.title}</a> — {j.agency}
                  </li>
                ))}
                {e.links.map((k) => (
                  <li>
                    <a href={hrefOf(k.url)}>{k.label}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </article>
  );
}
