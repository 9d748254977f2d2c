import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { registerFigure, type Figure, type MetricsHooks } from './public';
import { registerMetricsApi } from './api';
import { metricsMessages } from './messages';
import { builtInFigures } from './service/figures';
import { createMetricsPages } from './pages';
import { addNavItem } from '../../platform/ui/registry';
import { hasRole } from '../../platform/auth/roles';

export * from './public';

/**
 * Impact figures, read from the other modules through the hooks the composition root hands in
 * (decision 0013). Last in the module list: it builds on everything before it.
 */
export const createMetricsModule = (hooks: MetricsHooks): PathwaysModule => ({
  name: 'metrics',
  migrations: 'modules/metrics/migrations',
  pages: createMetricsPages(hooks),
  api: registerMetricsApi(hooks),
  setup: () => {
    registerErrorMessages(metricsMessages);
    addNavItem({
      href: '/organize/impact',
      order: 85,
      label: { en: metricsMessages.en['metrics.nav'], es: metricsMessages.es['metrics.nav'] },
      visible: (viewer) => hasRole(viewer, 'organizer'),
    });
    const builtIn: Figure[] = builtInFigures(hooks);
    for (const f of builtIn) registerFigure(f);
  },
});
