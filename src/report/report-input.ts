import type { RuleSet } from '../core/rule-set';
import type { SourceLocation } from '../core/types';

/** Everything the report shows; the CLI gathers it, the renderer only formats it. */
export interface ReportInput {
  ruleSet: RuleSet;
  /** When the report was written. */
  generatedAt: Date;
  /** The instant the decision table and map are decided for. */
  decidedAt: Date;
  /** The URL path the decision table and map are decided for; null for every path the rules tell apart. */
  path: string | null;
  /** Provenance of the geo data that `ip` test cases were located with; null when unavailable. */
  geoData: { builtAt: string; packageVersion: string; refreshed: boolean } | null;
  /** Where the rules come from in git, in words (commit, and whether the working tree differs). */
  provenance: string;
  warnings: readonly ReportProblem[];
  tests: readonly ReportTestCase[];
  coverage: ReportCoverage;
}

export interface ReportProblem extends SourceLocation {
  message: string;
}

/** A `tests:` case as run by `geonotice test` (a structural subset of its result). */
export interface ReportTestCase {
  name: string;
  file: string;
  line: number;
  column: number;
  ok: boolean;
  expected: { notices: readonly string[]; language?: string };
  actual: { notices: readonly string[]; languages: readonly string[] } | null;
  problems: readonly string[];
}

export interface ReportCoverage {
  percent: number;
  notices: { covered: number; total: number; uncovered: readonly string[] };
  /** Every unit a test can reach (branches, region entries, message languages …) and those none reaches. */
  units: { covered: number; total: number; uncovered: readonly ReportCoverageUnit[] };
}

export interface ReportCoverageUnit extends SourceLocation {
  notice: string;
  label: string;
}
