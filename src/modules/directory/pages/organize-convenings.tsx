import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { DataTable } from '../../../platform/ui/data-table';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { pickText } from '../../events';
import { PARTICIPANT_ROLES } from '../schema';
import { actorOf, assertRunConvening } from '../permissions';
import {
  addParticipant,
  conveningTextsInput,
  createRecommendation,
  getConvening,
  listTaxonomy,
  participantInput,
  recommendationInput,
  roster,
  taxonomyName,
  updateConveningTexts,
  withdrawFromRoster,
} from '../service';
import { tr } from '../messages';
import { conveningPath } from '../views/paths';
import {
  blankNull,
  ConveningTextFields,
  Heading,
  lines,
  one,
  PersonFields,
  postedValues,
  TitleFields,
  ShownCell,
  submitForm,
  type Values,
} from './write';
import { ORGANIZE } from './organize';

export const organizeConveningPages = new Hono<AppEnv>();

async function runConvening(c: Ctx) {
  const found = await getConvening(c.var.db, c.req.param('slug') ?? '');
  assertRunConvening(c.var.viewer, found.event);
  return found;
}

const base = (c: Ctx, slug: string) => localePath(c.var.locale, `${ORGANIZE}/convenings/${slug}`);

/** An organizer page about a convening: its heading, the way to its public page, and one more link. */
function ConveningHeading(props: { c: Ctx; title: string; slug: string; more: { href: string; label: string } }) {
  const { c } = props;
  return (
    <Heading
      title={props.title}
      href={conveningPath(c.var.locale, props.slug)}
      label={tr(c)('directory.organize.publicPage')}
      more={props.more}
    />
  );
}

/** The roster with emails and consent, and the forms to add a person and a recommendation. */
async function conveningPage(c: Ctx, values: Values, errors: Record<string, string>) {
  const t = tr(c);
  const l = c.var.locale;
  const { event } = await runConvening(c);
  const [people, goals] = await Promise.all([roster(c.var.db, event.id, { publicOnly: false }), listTaxonomy(c.var.db, 'goal')]);
  const v = (k: string) => one(values, k);
  const opt = c.var.t('form.optional');
  const title = pickText(event.title, l);
  const done = c.req.query('done');
  return page(
    c,
    { title, index: false },
    <>
      <ConveningHeading
        c={c}
        title={title}
        slug={event.slug}
        more={{ href: `${base(c, event.slug)}/edit`, label: t('directory.organize.editConvening') }}
      />
      {done === 'texts' && <Alert type="success">{t('directory.organize.textsSaved')}</Alert>}
      {done === 'participant' && <Alert type="success">{t('directory.organize.participantAdded')}</Alert>}
      {done === 'withdrawn' && <Alert type="success">{t('directory.organize.withdrawn')}</Alert>}
      {done === 'recommendation' && <Alert type="success">{t('directory.organize.recommendationAdded')}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      <h2>{t('directory.organize.roster')}</h2>
      <DataTable
        caption={t('directory.organize.roster')}
        captionHidden
        empty={t('directory.organize.noParticipants')}
        rows={people}
        columns={[
          { label: t('directory.field.name'), rowHeader: true, cell: (p) => p.name },
          { label: t('directory.form.email'), cell: (p) => p.email },
          { label: t('directory.field.organizations'), cell: (p) => p.organization ?? '' },
          { label: t('directory.field.role'), cell: (p) => t(`directory.role.${p.role}`) },
          {
            label: t('directory.organize.shownPublicly'),
            cell: (p) => (
              <ShownCell c={c} shown={p.publicConsent} action={`${base(c, event.slug)}/participants/${p.id}/withdraw`} name={p.name} />
            ),
          },
        ]}
      />
      <h2>{t('directory.organize.addParticipant')}</h2>
      <form method="post" action={`${base(c, event.slug)}/participants`} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <PersonFields c={c} values={values} errors={errors} />
        <TextField
          name="organization"
          label={t('directory.organize.participantOrganization')}
          hint={t('directory.organize.participantOrganizationHint')}
          value={v('organization')}
          error={errors.organization}
          optional={opt}
        />
        <Select
          name="role"
          label={t('directory.field.role')}
          value={v('role') || 'participant'}
          error={errors.role}
          options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`directory.role.${r}`) }))}
        />
        <Checkbox name="publicConsent" value="yes" label={t('directory.organize.publicConsent')} checked={v('publicConsent') === 'yes'} />
        <Button>{t('directory.organize.addParticipant')}</Button>
      </form>
      <h2>{t('directory.organize.newRecommendation')}</h2>
      <form method="post" action={`${base(c, event.slug)}/recommendations`} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TitleFields c={c} values={values} errors={errors} />
        <TextArea
          name="text"
          label={t('directory.write.body')}
          hint={t('directory.write.markdownHint')}
          value={v('text')}
          error={errors.text}
          required
          maxlength={10000}
        />
        <TextArea
          name="textEs"
          label={t('directory.write.bodyEs')}
          value={v('textEs')}
          error={errors.textEs}
          optional={opt}
          maxlength={10000}
        />
        <Select
          name="goal"
          label={t('directory.rec.goal')}
          value={v('goal')}
          error={errors.goal}
          blank=""
          required
          options={goals.map((g) => ({ value: g.key, label: taxonomyName(g, l) }))}
        />
        <TextField
          name="addressedTo"
          label={t('directory.rec.addressedTo')}
          value={v('addressedTo')}
          error={errors.addressedTo}
          optional={opt}
          maxlength={300}
        />
        <TextArea
          name="initiatives"
          label={t('directory.rec.initiatives')}
          hint={t('directory.write.slugsHint')}
          value={v('initiatives')}
          error={errors.initiatives}
          optional={opt}
          rows={2}
        />
        <TextField name="owner" label={t('directory.rec.owner')} value={v('owner')} error={errors.owner} optional={opt} maxlength={300} />
        <Button>{t('directory.organize.newRecommendation')}</Button>
      </form>
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

organizeConveningPages.get(`${ORGANIZE}/convenings/:slug`, allow('organizer'), async (c) => conveningPage(c, {}, {}));

/** The convening's own texts; the event (times, place, status) is edited on the events module's page. */
async function conveningTextsPage(c: Ctx, values: Values | null, errors: Record<string, string>) {
  const t = tr(c);
  const l = c.var.locale;
  const { event, convening } = await runConvening(c);
  const title = t('directory.organize.conveningTexts', { title: pickText(event.title, l) });
  const shown = values ?? { agenda: convening.agenda ?? '', notes: convening.notes ?? '', outputs: convening.outputs ?? '' };
  return page(
    c,
    { title, index: false },
    <>
      <ConveningHeading
        c={c}
        title={title}
        slug={event.slug}
        more={{ href: localePath(l, `/events/${event.slug}/edit`), label: t('directory.organize.editEvent') }}
      />
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method="post" action={`${base(c, event.slug)}/edit`} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <ConveningTextFields c={c} values={shown} errors={errors} />
        <Button>{t('directory.write.save')}</Button>
      </form>
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

organizeConveningPages.get(`${ORGANIZE}/convenings/:slug/edit`, allow('organizer'), async (c) => conveningTextsPage(c, null, {}));

organizeConveningPages.post(`${ORGANIZE}/convenings/:slug/edit`, allow('organizer'), async (c) => {
  const { event } = await runConvening(c);
  const values = await postedValues(c);
  return submitForm(c, {
    schema: conveningTextsInput,
    sent: { agenda: one(values, 'agenda'), notes: one(values, 'notes'), outputs: one(values, 'outputs') },
    show: (errors) => conveningTextsPage(c, values, errors),
    save: async (data) => {
      await updateConveningTexts(c.var.db, event.id, data);
      return `${base(c, event.slug)}?done=texts`;
    },
  });
});

organizeConveningPages.post(`${ORGANIZE}/convenings/:slug/participants`, allow('organizer'), async (c) => {
  const { event } = await runConvening(c);
  const values = await postedValues(c);
  return submitForm(c, {
    schema: participantInput,
    sent: {
      name: one(values, 'name'),
      email: one(values, 'email'),
      organization: blankNull(one(values, 'organization')),
      role: one(values, 'role'),
      publicConsent: one(values, 'publicConsent') === 'yes',
    },
    show: (errors) => conveningPage(c, values, errors),
    save: async (data) => {
      await addParticipant(c.var.db, event.id, data);
      return `${base(c, event.slug)}?done=participant`;
    },
  });
});

organizeConveningPages.post(`${ORGANIZE}/convenings/:slug/participants/:id/withdraw`, allow('organizer'), async (c) => {
  const { event } = await runConvening(c);
  await withdrawFromRoster(c.var.db, event.id, c.req.param('id'));
  return c.redirect(`${base(c, event.slug)}?done=withdrawn`, 303);
});

organizeConveningPages.post(`${ORGANIZE}/convenings/:slug/recommendations`, allow('organizer'), async (c) => {
  const { event } = await runConvening(c);
  const values = await postedValues(c);
  return submitForm(c, {
    schema: recommendationInput,
    sent: {
      title: one(values, 'title'),
      titleEs: blankNull(one(values, 'titleEs')),
      text: one(values, 'text'),
      textEs: blankNull(one(values, 'textEs')),
      goal: one(values, 'goal'),
      addressedTo: blankNull(one(values, 'addressedTo')),
      initiatives: lines(one(values, 'initiatives')),
      owner: blankNull(one(values, 'owner')),
    },
    show: (errors) => conveningPage(c, values, errors),
    save: async (data) => {
      await createRecommendation(c.var.db, event.id, data, actorOf(c));
      return `${base(c, event.slug)}?done=recommendation`;
    },
  });
});
