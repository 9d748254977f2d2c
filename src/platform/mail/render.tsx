import type { Child } from 'hono/jsx';
import type { Locale } from '../i18n';

/**
 * The frame of every HTML email: real headings, 16px text, a single column, colours that survive
 * dark mode (no white-on-white), language set for screen readers. The column is a layout table
 * (role="presentation") with a fixed width attribute, because Outlook for Windows renders mail with
 * Word, which ignores max-width, margin:auto and padding on most elements.
 */
export function emailHtml(props: { locale: Locale; title: string; children: Child; footer?: Child }): string {
  const doc = (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.title}</title>
      </head>
      <body style="margin:0;padding:0;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
        <table role="presentation" width="100%" cellpadding={0} cellspacing={0} border={0} style="border-collapse:collapse">
          <tr>
            <td align="center" style="padding:0">
              <table
                role="presentation"
                width="600"
                cellpadding={0}
                cellspacing={0}
                border={0}
                style="width:100%;max-width:600px;border-collapse:collapse"
              >
                <tr>
                  <td style="padding:24px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
                    <div role="article" aria-label={props.title} lang={props.locale}>
                      {props.children}
                      {props.footer && <div style="margin-top:32px;font-size:14px">{props.footer}</div>}
                    </div>
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
  return '<!DOCTYPE html>' + String(doc);
}

/**
 * A "bulletproof" button: the colour sits on a table cell (bgcolor, which Outlook keeps) and the link
 * fills it with a border of the same colour, so it stays a readable, clickable block without CSS.
 */
export function EmailButton(props: { href: string; children: Child }) {
  return (
    <table role="presentation" cellpadding={0} cellspacing={0} border={0} style="border-collapse:collapse;margin:16px 0">
      <tr>
        <td align="center" bgcolor="#1a4480" style="background:#1a4480;border-radius:4px">
          <a
            href={props.href}
            style="display:inline-block;background:#1a4480;color:#ffffff;padding:12px 20px;border:1px solid #1a4480;border-radius:4px;text-decoration:underline;font-weight:bold;font-family:Arial,sans-serif;font-size:16px"
          >
            <span style="color:#ffffff">{props.children}</span>
          </a>
        </td>
      </tr>
    </table>
  );
}

/**
 * The most common email: a heading, a sentence, one button and, when given, a link under it (a way to
 * stop follow-ups, say). Decisions, booking notices and survey invitations share it.
 */
export function buttonEmail(p: {
  locale: Locale;
  subject: string;
  body: string;
  button: string;
  url: string;
  link?: { label: string; url: string };
}) {
  const html = emailHtml({
    locale: p.locale,
    title: p.subject,
    children: (
      <>
        <h1 style="font-size:24px">{p.subject}</h1>
        <p>{p.body}</p>
        <EmailButton href={p.url}>{p.button}</EmailButton>
        {p.link && (
          <p>
            <a href={p.link.url}>{p.link.label}</a>
          </p>
        )}
      </>
    ),
  });
  const text = `${p.body}\n\n${p.button}: ${p.url}\n` + (p.link ? `\n${p.link.label}: ${p.link.url}\n` : '');
  return { subject: p.subject, html, text };
}
