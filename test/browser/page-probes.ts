/**
 * Questions asked inside the page. They are sent as source text because the type check has no DOM
 * library (it would make browser globals look valid in src/); each answer is given a type here.
 */
import type { Page } from 'playwright-core';

export interface BoxStyle {
  borderLeftWidth: string;
  borderLeftStyle: string;
  backgroundColor: string;
  paddingTop: string;
}

function ask<T>(page: Page, functionSource: string, argument: unknown): Promise<T> {
  return page.evaluate<T>(`(${functionSource})(${JSON.stringify(argument)})`);
}

/**
 * The computed style of the first element matching `selector`, beside that of a bare `<aside>`
 * added for the comparison (and removed again): if the injected stylesheet did not apply, the two
 * are the same.
 */
export function styleBesideBareAside(page: Page, selector: string): Promise<{ notice: BoxStyle; bare: BoxStyle }> {
  return ask(
    page,
    `(selector) => {
      const styleOf = (element) => {
        const style = getComputedStyle(element);
        return {
          borderLeftWidth: style.borderLeftWidth,
          borderLeftStyle: style.borderLeftStyle,
          backgroundColor: style.backgroundColor,
          paddingTop: style.paddingTop,
        };
      };
      const bare = document.createElement('aside');
      document.body.appendChild(bare);
      const result = { notice: styleOf(document.querySelector(selector)), bare: styleOf(bare) };
      bare.remove();
      return result;
    }`,
    selector,
  );
}

/** Whether the element a visitor would hit at the centre of `selector` is that element or inside it (nothing covers it). */
export function isOnTopAtItsCentre(page: Page, selector: string): Promise<boolean> {
  return ask(
    page,
    `(selector) => {
      const element = document.querySelector(selector);
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && element.contains(hit);
    }`,
    selector,
  );
}
