import type { Ctx } from '../../../platform/http/context';
import { listEvents } from '../service';
import { tr } from '../messages';
import { EventCard } from '../views/public';

const HOME_EVENTS = 3;

/** The home page's "Next events" (site reads it through a hook): the next few published events as cards. */
export async function eventsHomeSections(c: Ctx) {
  const t = tr(c);
  // A few more than shown: cancelled and postponed events are listed publicly but not offered here.
  const { events } = await listEvents(c.var.db, { when: 'upcoming', limit: HOME_EVENTS * 3, offset: 0 });
  const next = events.filter((e) => e.status === 'published').slice(0, HOME_EVENTS);
  return [
    {
      order: 10,
      id: 'next-events',
      heading: t('events.home.heading'),
      body:
        next.length === 0 ? (
          <p>{t('events.home.none')}</p>
        ) : (
          <ul class="pw-grid pw-home-cards">
            {next.map((e) => (
              <EventCard c={c} e={e} />
            ))}
          </ul>
        ),
      more: { label: t('events.home.all'), href: '/events' },
    },
  ];
}
