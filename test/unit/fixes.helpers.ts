import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import type { Finding, Fix } from '../../server/src/core/findings';
import type { FileReport } from '../../server/src/core/report';

export function applyFix(text: string, fix: Pick<Fix, 'edits'>): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.range.start - a.range.start)) {
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  }
  return out;
}

export function findingOf(report: FileReport, rule: string): Finding {
  const f = report.findings.find((x) => x.rule === rule);
  assert.ok(f, `${rule} expected in ${report.path}; got ${report.findings.map((x) => x.rule).join(', ')}`);
  return f;
}

export function fixOf(finding: Finding, id: string): Fix {
  const fix = finding.fixes?.find((x) => x.id === id);
  assert.ok(fix, `${finding.rule} should offer ${id}; offers ${finding.fixes?.map((x) => x.id).join(', ') ?? 'nothing'}`);
  return fix;
}

/** Applies the fix and analyses the result again: it must still parse. */
export function fixAndReanalyse(path: string, text: string, rule: string, fixId: string): { fixed: string; report: FileReport } {
  const fix = fixOf(findingOf(analyzeText(path, text), rule), fixId);
  const fixed = applyFix(text, fix);
  const report = analyzeText(path, fixed);
  const parseErrors = report.findings.filter((f) => f.rule === 'parse-error');
  assert.deepEqual(parseErrors.map((f) => f.message), [], `the fixed text must parse:\n${fixed}`);
  return { fixed, report };
}

export function rulesAtOrAbove(report: FileReport, severities: string[]): string[] {
  return report.findings.filter((f) => severities.includes(f.severity) && !f.acknowledged).map((f) => f.rule);
}

export const ALEMBIC_HEAD = `"""drop staging

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

`;
