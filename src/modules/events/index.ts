import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { addNavItem } from '../../platform/ui/registry';
import { fillSlot } from '../../platform/extensions';
import { registerPersonData } from '../people';
import { eventsPages } from './pages';
import { registerEventsApi } from './api';
import { eventsMessages } from './messages';
import { eventTasks, queueReminders } from './service';
import { attendeeEmailsSince, eraseEventData, exportEventData, recentRecordings, upcomingEvents } from './service/slots';
import { eventsCli } from './cli';
import { seedEvents } from './seed';

export * from './public';

export const eventsModule: PathwaysModule = {
  name: 'events',
  migrations: 'modules/events/migrations',
  pages: eventsPages,
  api: registerEventsApi,
  setup: () => {
    registerErrorMessages(eventsMessages);
    addNavItem({ href: '/events', order: 10, label: { en: eventsMessages.en['events.nav'], es: eventsMessages.es['events.nav'] } });
    fillSlot('upcomingEvents', upcomingEvents);
    fillSlot('recentRecordings', recentRecordings);
    fillSlot('attendeeEmailsSince', attendeeEmailsSince);
    registerPersonData({ name: 'events', export: exportEventData, erase: eraseEventData });
  },
  tasks: eventTasks,
  schedules: [{ name: 'events.reminders', everySeconds: 60, run: async (deps) => void (await queueReminders(deps)) }],
  cli: eventsCli,
  seed: seedEvents,
};
