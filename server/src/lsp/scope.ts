// Which files the server checks: the same migration detection as the CLI's directory walk, plus the
// include/exclude settings, relative to the workspace folder that holds the file.

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { matchesAny } from '../core/glob';
import type { FileReport } from '../core/report';
import { isMigrationCandidate } from '../core/walk';
import type { Settings } from '../protocol';

export interface Placement {
  absolute: string;
  /** Relative to its workspace folder, with forward slashes; the absolute path outside every folder. */
  relative: string;
}

export class WorkspaceFolders {
  private folders: string[] = [];

  set(uris: string[]): void {
    this.folders = [];
    this.add(uris);
  }

  add(uris: string[]): void {
    for (const uri of uris) {
      const folder = uriToPath(uri);
      if (folder && !this.folders.includes(folder)) this.folders.push(folder);
    }
  }

  remove(uris: string[]): void {
    const gone = new Set(uris.map(uriToPath));
    this.folders = this.folders.filter((f) => !gone.has(f));
  }

  get paths(): readonly string[] {
    return this.folders;
  }

  place(absolute: string): Placement {
    const folder = this.folders.filter((f) => absolute === f || absolute.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
    const relative = folder ? path.relative(folder, absolute) : absolute;
    return { absolute, relative: relative.split(path.sep).join('/') };
  }
}

/** Excluded files are not checked at all. */
export function isExcluded(placement: Placement, settings: Settings): boolean {
  return matchesAny(placement.relative, settings.exclude);
}

/** After analysis: whether the file is a migration to report on. */
export function isReported(placement: Placement, report: FileReport, settings: Settings): boolean {
  const explicit = matchesAny(placement.relative, settings.include);
  return isMigrationCandidate({ absolute: placement.absolute, explicit }, placement.relative, report);
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(absolute: string): string {
  return pathToFileURL(absolute).href;
}
