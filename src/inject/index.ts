/**
 * Streaming HTML injection: where to put markup in a page, and the notice markup itself.
 * Knows nothing of rules: callers hand over markup bytes and say where they go.
 */
export {
  createHtmlInjector,
  DEFAULT_MAX_LOOK_AHEAD,
  type HtmlInjector,
  type InjectionReport,
  type InjectorOptions,
  type InsertionPoint,
  type Insertions,
} from './injector';
export { createHtmlInjectionStream, HtmlInjectionStream } from './stream';
export { escapeHtml, renderNotice, renderNotices, safeHref, type NoticeContent } from './markup';
export { NOTICE_CSS, NOTICE_CSS_HASH, renderStyles } from './styles';
export { inlineStyleAllowed } from './csp';
export { encodeMarkup, isAsciiCompatibleCharset, toAsciiWithReferences } from './charset';
