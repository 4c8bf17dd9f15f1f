import { explain } from '../../core/explain';
import type { RuleSet } from '../../core/rule-set';
import type { NoticeExplanation, NoticeMessage } from '../../core/types';
import { geoDataInfo } from '../../geo/geoip-lite';
import { parseCommandArgs, rulePaths } from '../args';
import { describePlace } from '../format';
import { ExitCode, type CliIO } from '../io';
import { loadRulesForCommand } from '../load';
import { parseInstant, resolveVisitor, type ResolvedVisitor } from '../visitor';

export const explainHelp = `Usage: geonotice explain (--ip IP | --country CC [--region CC-SUB]) [options] [RULES...]

Shows how the rules (default: ./rules) decide for one visitor: where the visitor is, then every
notice, whether it applies and why, and the language it would be shown in.

Options:
  --ip IP                 locate the visitor from this address with the bundled geo data
  --country CC            ISO 3166-1 alpha-2 country (instead of --ip)
  --region CC-SUB         ISO 3166-2 subdivision, e.g. UA-43 (with --country)
  --accept-language H     the visitor's Accept-Language header, e.g. "uk,ru;q=0.8"
  --path P                the URL path requested (default /)
  --at DATE               decide as of this ISO 8601 date or date-time (default now)
  --json                  print { visitor, rulesVersion, notices: [{ id, applies, language, reasons }] }
  -h, --help              show this help`;

export function explainCommand(args: readonly string[], io: CliIO): ExitCode {
  const { values, positionals } = parseCommandArgs(args, {
    ip: { type: 'string' },
    country: { type: 'string' },
    region: { type: 'string' },
    'accept-language': { type: 'string' },
    path: { type: 'string' },
    at: { type: 'string' },
    json: { type: 'boolean' },
  });

  const resolved = resolveVisitor({
    ip: values.ip,
    country: values.country,
    region: values.region,
    acceptLanguage: values['accept-language'],
    path: values.path,
  });
  const at = values.at === undefined ? new Date() : parseInstant(values.at);
  const ruleSet = loadRulesForCommand(rulePaths(positionals), io);
  if (ruleSet === null) return ExitCode.failed;

  const notices = explain(ruleSet, resolved.visitor, at);
  if (values.json) {
    const { country, region, languages } = resolved.visitor;
    const visitor = { country, region, languages, source: resolved.source, ip: values.ip ?? null, path: resolved.visitor.path };
    io.stdout(JSON.stringify({ visitor, rulesVersion: ruleSet.version, at: at.toISOString(), notices }, null, 2));
  } else {
    io.stdout(formatExplanation(resolved, values.ip, ruleSet, at, notices));
  }
  return ExitCode.ok;
}

function formatExplanation(
  { visitor, source }: ResolvedVisitor,
  ip: string | undefined,
  ruleSet: RuleSet,
  at: Date,
  notices: readonly NoticeExplanation[],
): string {
  const origin =
    source === 'geoip-lite' ? `from ${ip ?? 'its address'} via geoip-lite (data of ${geoDataInfo().builtAt})` : 'as given';
  const lines = [
    `visitor:   ${describePlace(visitor.country, visitor.region)} (${origin})`,
    `languages: ${visitor.languages.length > 0 ? visitor.languages.join(', ') : '(none)'}`,
    `path:      ${visitor.path}`,
    `at:        ${at.toISOString()}`,
    `rules:     version ${ruleSet.version}`,
    '',
  ];
  const applying = notices.filter((notice) => notice.applies).length;
  lines.push(applying === 0 ? 'no notice applies' : `${applying} of ${notices.length} notices apply, in display order:`);
  for (const notice of notices) {
    lines.push('', `${notice.applies ? 'APPLIES ' : 'skipped '} ${notice.id}${notice.applies ? ` (in ${notice.language})` : ''}`);
    for (const reason of notice.reasons) lines.push(`    - ${reason}`);
    const message = notice.applies ? ruleSet.byId.get(notice.id)?.messages[notice.language] : undefined;
    if (message !== undefined) lines.push(...formatMessage(message));
  }
  return lines.join('\n');
}

/** The message as the visitor would read it, indented under its notice. */
function formatMessage(message: NoticeMessage): string[] {
  const lines = ['    shown as:'];
  if (message.title !== undefined) lines.push(`      ${message.title}`);
  lines.push(`      ${message.text ?? `(html) ${message.html ?? ''}`}`);
  if (message.link !== undefined) lines.push(`      ${message.link.label} <${message.link.href}>`);
  return lines;
}
