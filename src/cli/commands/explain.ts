import { explain } from '../../core/explain';
import { named } from '../../core/reasons';
import { namedSubdivisions, type NetworkTableInfo, type RuleSet } from '../../core/rule-set';
import type { NoticeExplanation, NoticeMessage } from '../../core/types';
import { geoipLiteSource } from '../../geo/geoip-lite-data';
import { mmdbProvider } from '../../geo/mmdb';
import { dataAgeDays, traitsOf, type SyncGeoProvider } from '../../geo/provider';
import { regionName } from '../../rules/region-names';
import { parseCommandArgs, rulePaths } from '../args';
import { replayedRules, withCleanup } from '../replay';
import { ExitCode, UsageError, type CliIO } from '../io';
import { loadRulesForCommand } from '../load';
import { parseInstant, resolveVisitor, type ResolvedVisitor } from '../visitor';

export const explainHelp = `Usage: geonotice explain (--ip IP | --country CC [--region CC-SUB]) [options] [RULES...]

Shows how the rules (default: ./rules) decide for one visitor: where the visitor is, then every
notice, whether it applies and why, in plain sentences, and the language it would be shown in.

Options:
  --ip IP                 locate the visitor from this address with the bundled geo data
                          (and match it against the rules' networks)
  --country CC            ISO 3166-1 alpha-2 country (instead of --ip)
  --region CC-SUB         ISO 3166-2 subdivision, e.g. UA-43 (with --country)
  --asn N                 the AS number a platform reports for the visitor (e.g. 201776)
  --mmdb FILE             locate --ip with this MaxMind-format database (the site's own) instead
  --accept-language H     the visitor's Accept-Language header, e.g. "uk,ru;q=0.8"
  --path P                the URL path requested (default /)
  --at DATE               decide as of this ISO 8601 date or date-time (default now)
  --git REV               replay against the rules as committed at this git revision
  --rules-version HASH    replay against the rules with this version (as an audit record gives it),
                          found on disk or in the rules' git history
  --json                  print { visitor, rulesVersion, geoData, networkTable, notices: [{ id, applies,
                          language, languageFallback, reasons, sentences }] }
  -h, --help              show this help`;

/** Past this age the CLI says the data is stale, as the middleware warns at start-up. */
const STALE_AFTER_DAYS = 180;

interface DatedSource {
  name: string;
  builtAt: string;
  ageDays: number;
}

export function explainCommand(args: readonly string[], io: CliIO): ExitCode {
  const { values, positionals } = parseCommandArgs(args, {
    ip: { type: 'string' },
    country: { type: 'string' },
    region: { type: 'string' },
    asn: { type: 'string' },
    mmdb: { type: 'string' },
    'accept-language': { type: 'string' },
    path: { type: 'string' },
    at: { type: 'string' },
    git: { type: 'string' },
    'rules-version': { type: 'string' },
    json: { type: 'boolean' },
  });

  const geo = values.mmdb === undefined ? undefined : openDatabase(values.mmdb);
  const resolved = resolveVisitor({
    ip: values.ip,
    geo,
    asn: values.asn === undefined ? undefined : Number(values.asn),
    country: values.country,
    region: values.region,
    acceptLanguage: values['accept-language'],
    path: values.path,
  });
  const at = values.at === undefined ? new Date() : parseInstant(values.at);
  const replay = replayedRules({ git: values.git, rulesVersion: values['rules-version'] }, rulePaths(positionals));
  const ruleSet = withCleanup(replay, () => loadRulesForCommand(replay.paths, io));
  if (ruleSet === null) return ExitCode.failed;
  if (replay.description !== null && !values.json) io.stdout(`replay:    ${replay.description}`);

  const today = new Date();
  const source =
    geo === undefined ? (resolved.source === 'geoip-lite' ? geoipLiteSource() : undefined) : traitsOf(geo)?.data?.();
  const geoData = source === undefined || resolved.source === 'given' ? null : dated(source, today);
  const table = ruleSet.networkTable ?? null;
  const networkTable = table === null ? null : { ...table, ageDays: dataAgeDays(table.date, today) };
  for (const warning of staleness(geoData, source?.maxmindLicence ?? false, networkTable))
    io.stderr(`warning: ${warning}`);

  const notices = explain(ruleSet, resolved.visitor, at, { regionName });
  if (values.json) {
    const { country, region, languages, address, asn } = resolved.visitor;
    const visitor = {
      country,
      region,
      languages,
      source: resolved.source,
      ip: values.ip ?? null,
      address: address ?? null,
      asn: asn ?? null,
      path: resolved.visitor.path,
      place: describeVisitorPlace(ruleSet, country, region),
    };
    io.stdout(
      JSON.stringify(
        {
          visitor,
          rulesVersion: ruleSet.version,
          at: at.toISOString(),
          ...replay.json,
          geoData,
          networkTable,
          notices,
        },
        null,
        2,
      ),
    );
  } else {
    io.stdout(formatExplanation(resolved, values.ip, ruleSet, at, notices, geoData, networkTable));
  }
  return ExitCode.ok;
}

/** The site's database as a provider; a file that cannot be read is a usage error. */
function openDatabase(path: string): SyncGeoProvider {
  try {
    return mmdbProvider({ path });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function dated(source: { name: string; builtAt: string }, today: Date): DatedSource {
  return { name: source.name, builtAt: source.builtAt, ageDays: dataAgeDays(source.builtAt, today) };
}

/** What is too old to trust without a second look. */
function staleness(
  geoData: DatedSource | null,
  maxmindLicence: boolean,
  networkTable: (NetworkTableInfo & { ageDays: number }) | null,
): string[] {
  const warnings: string[] = [];
  if (geoData !== null && geoData.ageDays > STALE_AFTER_DAYS) {
    const licence = maxmindLicence ? ', and MaxMind asks users to replace outdated GeoLite2 copies' : '';
    warnings.push(
      `the geo data (${geoData.name}) is from ${geoData.builtAt}, ${geoData.ageDays} days old: addresses change hands${licence} (see docs/geo-data.md)`,
    );
  }
  if (networkTable !== null && networkTable.ageDays > STALE_AFTER_DAYS) {
    warnings.push(
      `the network table (${networkTable.file}) holds routing data of ${networkTable.date}, ${networkTable.ageDays} days old: ` +
        'rebuild it with scripts/build-network-table.js',
    );
  }
  return warnings;
}

/**
 * `UA-43 Avtonomna Respublika Krym`, `UA Ukraine (subdivision unknown)` where the rules name
 * subdivisions of the country, `RU Russian Federation`, or `unknown location`.
 */
function describeVisitorPlace(ruleSet: RuleSet, country: string | null, region: string | null): string {
  const names = { name: regionName };
  if (region !== null) return named(names, region);
  if (country === null) return 'unknown location';
  const mattered = namedSubdivisions(ruleSet).some((code) => code.startsWith(`${country}-`));
  return mattered ? `${named(names, country)} (subdivision unknown)` : named(names, country);
}

function formatExplanation(
  { visitor }: ResolvedVisitor,
  ip: string | undefined,
  ruleSet: RuleSet,
  at: Date,
  notices: readonly NoticeExplanation[],
  geoData: DatedSource | null,
  networkTable: (NetworkTableInfo & { ageDays: number }) | null,
): string {
  const origin =
    geoData !== null
      ? `from ${ip ?? 'its address'} via ${geoData.name}, data of ${geoData.builtAt}, ${geoData.ageDays} days old`
      : 'as given';
  const lines = [
    `visitor:   ${describeVisitorPlace(ruleSet, visitor.country, visitor.region)} (${origin})`,
    ...(visitor.asn !== undefined && visitor.asn !== null
      ? [`network:   AS${visitor.asn} (as a platform would report it)`]
      : []),
    `languages: ${visitor.languages.length > 0 ? visitor.languages.join(', ') : '(none)'}`,
    `path:      ${visitor.path}`,
    `at:        ${at.toISOString()}`,
    `rules:     version ${ruleSet.version}`,
    ...(networkTable === null
      ? []
      : [`networks:  ${networkTable.dataset}, routing data of ${networkTable.date} (${networkTable.file})`]),
    '',
  ];
  const applying = notices.filter((notice) => notice.applies).length;
  lines.push(
    applying === 0 ? 'no notice applies' : `${applying} of ${notices.length} notices apply, in display order:`,
  );
  for (const notice of notices) {
    lines.push(
      '',
      `${notice.applies ? 'APPLIES ' : 'skipped '} ${notice.id}${notice.applies ? ` (in ${notice.language})` : ''}`,
    );
    for (const sentence of notice.sentences) lines.push(`    - ${sentence}`);
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
