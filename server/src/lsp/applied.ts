// Which migrations have run, for the files the server analyses: the database's history tables (in the
// snapshot lsp/database.ts loaded) or the repository's baseline file. Worked out once per migration folder
// and kept until the snapshot, the baseline or the set of files changes; the content check of a baseline
// entry happens at analysis, so an unsaved edit of an applied migration is reported as it is typed.

import * as path from 'node:path';
import { BASELINE_FILE, BaselineError, readBaseline } from '../core/applied/baseline';
import { appliedFacts, sequenceFolder } from '../core/applied/project';
import type { AppliedFacts, BaselineInput } from '../core/applied/resolve';
import type { SchemaSnapshot } from '../core/db/schemaSource';

interface FolderEntry {
  snapshot: SchemaSnapshot | undefined;
  baseline: BaselineInput | undefined;
  facts: AppliedFacts | undefined;
}

export class AppliedStore {
  private readonly baselines = new Map<string, { baseline?: BaselineInput }>();
  private readonly folders = new Map<string, FolderEntry>();

  constructor(private readonly log: (message: string) => void) {}

  forFile(absolute: string, root: string, snapshot: SchemaSnapshot | undefined): AppliedFacts | undefined {
    const baseline = this.baselineAt(root);
    const key = `${root}\u0000${sequenceFolder(absolute)}`;
    const known = this.folders.get(key);
    if (known && known.snapshot === snapshot && known.baseline === baseline) return known.facts;
    let facts: AppliedFacts | undefined;
    try {
      facts = appliedFacts(root, [absolute], snapshot, baseline);
    } catch (err) {
      this.log(`Migration Guard: could not work out which migrations have run near ${absolute}: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.folders.set(key, { snapshot, baseline, facts });
    return facts;
  }

  /** The baseline file changed: read it again. */
  baselineChanged(): void {
    this.baselines.clear();
    this.folders.clear();
  }

  /** Migrations came or went: the matching (order, heads, missing files) is done again. */
  filesChanged(): void {
    this.folders.clear();
  }

  private baselineAt(root: string): BaselineInput | undefined {
    let known = this.baselines.get(root);
    if (!known) {
      try {
        known = { baseline: readBaseline(path.join(root, BASELINE_FILE)) };
      } catch (err) {
        if (!(err instanceof BaselineError)) throw err;
        this.log(`Migration Guard: ${err.message} Migrations are treated as pending until it is fixed.`);
        known = {};
      }
      this.baselines.set(root, known);
    }
    return known.baseline;
  }
}
