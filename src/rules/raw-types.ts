import type { NoticeStyle, Placement, RuleTestCase, UnknownLocationPolicy } from '../core/types';

/**
 * The shapes of a rule file as the schema guarantees them, keys as written in YAML. Only data
 * that passed the schema is ever treated as these types (see rule-document.ts).
 */

export interface RawRuleFile {
  regions?: Record<string, string[]>;
  networks?: Record<string, string[]>;
  network_table?: RawNetworkTable;
  notices?: RawNotice[];
  tests?: RawTestCase[];
}

export interface RawNetworkTable {
  dataset: string;
  date: string;
  attribution: string;
  systems: Record<string, { name: string; prefixes: string[] }>;
}

export interface RawCondition {
  regions?: string[];
  not_regions?: string[];
  networks?: string[];
  not_networks?: string[];
  languages?: string[];
  not_languages?: string[];
  paths?: string[];
  not_paths?: string[];
  unknown_location?: UnknownLocationPolicy;
}

export interface RawMessage {
  title?: string;
  text?: string;
  html?: string;
  link?: { href: string; label: string };
}

export interface RawNotice {
  id: string;
  description: string;
  owner: string;
  reference?: string;
  review_by?: string;
  priority?: number;
  active?: { from?: string; until?: string };
  when?: RawCondition | RawCondition[];
  overrides?: string[];
  placement?: Placement;
  style?: NoticeStyle;
  default_language?: string;
  message_languages?: string[];
  messages: Record<string, RawMessage>;
}

/** A `tests:` case as parsed: the compiled case without its source location. */
export type RawTestCase = Omit<RuleTestCase, 'source'>;
