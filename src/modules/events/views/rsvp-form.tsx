import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { Button, Csrf, ErrorSummary, Radios, TextArea, TextField } from '../../../platform/ui/components';
import { tr } from '../messages';
import type { EventRow } from '../schema';
import { pickText } from '../lib/text';
import { PERSON_NAME_MAX, EMAIL_MAX } from '../../../platform/http/validation';

export function RsvpForm(props: { c: Ctx; e: EventRow; values: Record<string, string>; errors: Record<string, string> }) {
  const { c, e, values, errors } = props;
  const t = tr(c);
  const l = c.var.locale;
  const viewer = c.var.viewer;
  return (
    <form class="usa-form usa-form--large" method="post" action={localePath(l, `/events/${e.slug}/rsvp`)} novalidate>
      <Csrf token={c.var.csrfToken} />
      <ErrorSummary errors={errors} t={c.var.t} />
      {viewer ? (
        <p>{t('events.rsvp.signedInAs', { name: viewer.fullName, email: viewer.email })}</p>
      ) : (
        <>
          <TextField
            name="name"
            label={t('events.rsvp.name')}
            value={values.name}
            error={errors.name}
            autocomplete="name"
            maxlength={PERSON_NAME_MAX}
            spellcheck={false}
          />
          <TextField
            name="email"
            type="email"
            label={t('events.rsvp.email')}
            hint={t('events.rsvp.emailHint')}
            value={values.email}
            error={errors.email}
            autocomplete="email"
            maxlength={EMAIL_MAX}
            spellcheck={false}
          />
        </>
      )}
      {e.questions.map((q) => {
        const label = pickText(q.label, l);
        const name = `answers.${q.id}`;
        const opt = q.required ? undefined : c.var.t('form.optional');
        if (q.kind === 'text')
          return <TextField name={name} label={label} optional={opt} value={values[name]} error={errors[name]} maxlength={2000} />;
        const options =
          q.kind === 'yesno'
            ? [
                { value: 'yes', label: t('events.yes') },
                { value: 'no', label: t('events.no') },
              ]
            : (q.options ?? []).map((o, i) => ({ value: String(i), label: pickText(o, l) }));
        return <Radios name={name} legend={opt ? `${label} ${opt}` : label} options={options} value={values[name]} error={errors[name]} />;
      })}
      {!viewer && (
        <TextArea
          name="accessibilityNeeds"
          label={t('events.rsvp.accessibility')}
          hint={t('events.rsvp.accessibilityHint')}
          optional={c.var.t('form.optional')}
          value={values.accessibilityNeeds}
          error={errors.accessibilityNeeds}
          maxlength={2000}
        />
      )}
      <Button>
        {e.requiresApproval
          ? t('events.rsvp.request')
          : e.capacity !== null && e.goingCount >= e.capacity
            ? t('events.rsvp.joinWaitlist')
            : t('events.rsvp.submit')}
      </Button>
    </form>
  );
}
