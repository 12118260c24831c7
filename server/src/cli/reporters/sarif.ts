// SARIF 2.1.0 for code-scanning uploads (GitHub, Azure DevOps, IDE viewers).

import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../../../package.json';
import { locateFindings, sortedErrors, type LocatedFinding } from './position';
import type { Reporter, RunResult } from './types';

/** What SARIF needs to know about a rule; the CLI builds it from the rule registry. */
export interface RuleMeta {
  id: string;
  summary: string;
  why: string;
  defaultSeverity: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

interface RuleDescriptor {
  id: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  defaultConfiguration?: { level: SarifLevel };
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
// package.json has no homepage or repository yet; keep this in step with it once it does.
const INFORMATION_URI = 'https://github.com/migration-guard/migration-guard';
/** Relative paths are resolved against the checkout root, which code-scanning uploaders know. */
const SRCROOT = '%SRCROOT%';

export function sarifReporter(rules: RuleMeta[]): Reporter {
  return (run) => {
    const located = locateFindings(run);
    const descriptors = describeRules(rules, located);
    const ruleIndex = new Map(descriptors.map((rule, i) => [rule.id, i]));
    const log = {
      $schema: SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'migration-guard', informationUri: INFORMATION_URI, version, rules: descriptors } },
          // Our columns count UTF-16 code units (as LSP does); say so rather than rely on a consumer's default.
          columnKind: 'utf16CodeUnits',
          invocations: [invocation(run)],
          results: located.map((loc) => toResult(loc, ruleIndex.get(loc.finding.rule) ?? -1)),
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  };
}

/** Every known rule, plus a bare entry for any rule id that has no metadata, so each ruleIndex resolves. */
function describeRules(rules: RuleMeta[], located: LocatedFinding[]): RuleDescriptor[] {
  const descriptors: RuleDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.why },
    defaultConfiguration: { level: levelOf(rule.defaultSeverity) },
  }));
  const known = new Set(rules.map((rule) => rule.id));
  for (const { finding } of located) {
    if (known.has(finding.rule)) continue;
    known.add(finding.rule);
    descriptors.push({ id: finding.rule });
  }
  return descriptors;
}

function toResult({ path, finding, span }: LocatedFinding, ruleIndex: number) {
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: levelOf(finding.severity),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(path),
          region: { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn },
        },
      },
    ],
    ...(finding.acknowledged ? { suppressions: [{ kind: 'inSource', justification: finding.acknowledged.reason }] } : {}),
    // SARIF has one ruleId per result; the rules merged into it stay visible to consumers here.
    ...(finding.alsoRules ? { properties: { alsoRules: finding.alsoRules } } : {}),
  };
}

/** Unreadable files are tool notifications rather than results: they are not findings about the code. */
function invocation(run: RunResult) {
  return {
    executionSuccessful: run.errors.length === 0,
    toolExecutionNotifications: sortedErrors(run).map((e) => ({
      level: 'error',
      message: { text: e.message },
      ...(e.path === undefined ? {} : { locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.path) } }] }),
    })),
  };
}

/** SARIF has no info or hint; both are notes. */
function levelOf(severity: string): SarifLevel {
  return severity === 'error' || severity === 'warning' ? severity : 'note';
}

/**
 * A URI reference relative to the checkout root. The CLI reports paths relative to the working directory;
 * one that stays absolute (another drive on Windows) becomes a file: URI, since %SRCROOT% cannot reach it.
 */
function artifactLocation(path: string): ArtifactLocation {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  const uri = path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SRCROOT };
}
