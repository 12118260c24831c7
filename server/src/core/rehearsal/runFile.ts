// The rehearsal of migration files, as `migration-guard rehearse`, `check --rehearse` and the editor's
// Rehearse button run it: each SQL up migration with its down migration, each Alembic or Django migration
// through the SQL its tool generates, on a scratch database brought to the schema it runs against.

import * as fs from 'node:fs';
import type { SourceSpec } from '../db/open';
import { resolveDatabaseUrl } from '../db/url';
import { isSqlMigrationCandidate, type Candidate } from '../walk';
import { readStartingSchema, type CopiedSchema } from './copy';
import { rehearsePython, type Skipped } from './python';
import { rehearse } from './rehearse';
import { openPgliteScratch, openPgScratch } from './scratch';
import { RehearsalTimeout, type ScratchLimits } from './scratchProtocol';
import { companionDown, earlierSides, sidesOf } from './sources';
import type { Rehearsal } from './types';

export type { Skipped } from './python';

export interface RehearseSettings {
  rows: number;
  /** Alembic and Django migrations: their SQL comes from running the tool, which imports project code. */
  allowProjectCode?: boolean;
  scratchUrl?: string;
  spec?: SourceSpec;
  limits: ScratchLimits;
  /** --sample N: real rows per table from the configured database, in memory only. */
  sample: number;
  /** The interpreter the editor has selected for the project (VS Code's Python extension); else it is looked for. */
  python?: string;
}

export interface RehearseWhere {
  /** Where earlier migrations and companion down files are looked for (the command's directory, the workspace folder). */
  baseDir: string;
  /** For the configured database URL, which a scratch URL must never be. */
  env: NodeJS.ProcessEnv;
  /** The name a file goes by in the run's findings (relative to the command's directory, or absolute in the editor). */
  nameOf: (absolute: string) => string;
}

/**
 * Rehearses every SQL up migration among `candidates`; the result is keyed by the path the run
 * names each file, the up file and its separate down file alike. Python migrations are listed in `skipped`
 * when they cannot be rehearsed.
 */
export async function rehearseFiles(candidates: Candidate[], settings: RehearseSettings, where: RehearseWhere): Promise<{ rehearsals: Record<string, Rehearsal>; skipped: Skipped[]; downFiles: string[] }> {
  const rehearsals: Record<string, Rehearsal> = {};
  const skipped: Skipped[] = [];
  const downFiles: string[] = [];
  const configured = settings.spec?.kind === 'url' ? settings.spec.url : resolveDatabaseUrl({ env: where.env })?.url;
  const openScratch = settings.scratchUrl === undefined ? () => openPgliteScratch(settings.limits) : () => openPgScratch(settings.scratchUrl as string, configured, settings.limits);
  let copied: CopiedSchema | undefined;
  if (settings.spec) copied = await readStartingSchema(settings.spec, settings.sample);
  const { nameOf } = where;
  const rehearseSql = async (c: Candidate) => {
    const file = c.absolute;
    const rel = nameOf(file);
    const text = fs.readFileSync(file, 'utf8');
    // A seed or a schema dump beside the migrations is not one (the same test as check's).
    if (!isSqlMigrationCandidate(c, rel, text)) return;
    const sides = sidesOf(text, rel);
    if (!sides.up) return;
    let down = sides.down;
    if (!down) {
      const companion = companionDown(file, where);
      if (companion) {
        down = sidesOf(companion.text, nameOf(companion.path)).down;
        if (down) downFiles.push(companion.path);
      }
    }
    const start = copied ? { kind: 'copy' as const, catalog: copied.catalog, from: copied.from, sample: copied.sample } : { kind: 'replay' as const, earlier: earlierSides(file, where, nameOf) };
    const result = await rehearse(sides.up, down, { openScratch, start, rows: settings.rows });
    if (copied?.note) result.notes.unshift(copied.note);
    rehearsals[rel] = result;
    if (down && down.path !== rel) rehearsals[down.path] = result;
  };
  for (const c of candidates) {
    const file = c.absolute;
    try {
      if (/\.py$/i.test(file)) {
        const outcome = await rehearsePython(file, nameOf(file), settings, { openScratch, copied });
        if (outcome && 'reason' in outcome) skipped.push(outcome);
        else if (outcome) rehearsals[nameOf(file)] = outcome;
      } else if (/\.sql$/i.test(file)) {
        await rehearseSql(c);
      }
    } catch (err) {
      // A timeout outside the migration's own statements (replaying the earlier ones, filling rows, reading
      // the catalog) ends this file's rehearsal; one inside them is the statement's rehearsal-failed finding.
      if (!(err instanceof RehearsalTimeout)) throw err;
      skipped.push({ path: nameOf(file), reason: err.message, failed: true });
    }
  }
  return { rehearsals, skipped, downFiles };
}
