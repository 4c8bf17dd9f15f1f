/**
 * HTML built only through the `html` tagged template: every interpolated string is escaped, so
 * a rule's text can never become markup in the report. Markup nests as `Html` values, which pass
 * through unescaped because they were built the same way.
 */
import { escapeHtml, safeHref } from '../util/html';

/** A piece of markup that is safe to place as it is. */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate: text (escaped), markup, lists of either; nullish and false render nothing. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(markup);
}

/**
 * An `href` only for absolute web addresses. The markup's own filter (`safeHref`) already refuses
 * `javascript:` and `data:` links; a standalone report also has no site for relative links to
 * resolve against, so those are shown as text too.
 */
export function webHref(candidate: string): string | null {
  const href = safeHref(candidate);
  return href !== null && /^https?:\/\//i.test(href) ? href : null;
}
