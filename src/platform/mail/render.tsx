import type { Child } from 'hono/jsx';
import type { Locale } from '../i18n';

/**
 * The frame of every HTML email: real headings, 16px text, a single column, colours that survive
 * dark mode (no white-on-white), language set for screen readers.
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
        <div role="article" aria-label={props.title} lang={props.locale} style="max-width:600px;margin:0 auto;padding:24px">
          {props.children}
          {props.footer && <div style="margin-top:32px;font-size:14px">{props.footer}</div>}
        </div>
      </body>
    </html>
  );
  return '<!DOCTYPE html>' + String(doc);
}

export function EmailButton(props: { href: string; children: Child }) {
  return (
    <p>
      <a
        href={props.href}
        style="display:inline-block;background:#1a4480;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold"
      >
        {props.children}
      </a>
    </p>
  );
}
