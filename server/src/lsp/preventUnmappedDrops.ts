// migrationGuard/preventUnmappedDrops: Alembic's include_object hook added to the project's env.py
// (core/fixes/includeObject.ts), as a workspace edit of env.py as the editor has it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { preventUnmappedDrops as buildEdit } from '../core/fixes/includeObject';
import { LineIndex } from '../core/text';
import type { EditResult, PreventUnmappedDropsParams } from '../protocol';
import { toLspRange } from './positions';
import { pathToUri, uriToPath } from './scope';
import type { LspState } from './state';

export function preventUnmappedDrops(state: LspState) {
  return async (params: PreventUnmappedDropsParams): Promise<EditResult> => {
    const absolute = typeof params?.uri === 'string' ? uriToPath(params.uri) : undefined;
    const models = absolute ? await state.facts.modelsFor(absolute) : undefined;
    if (!models || models.framework !== 'alembic' || !models.envPy) return { ok: false, message: 'This needs a file of an Alembic project with an env.py.' };
    const envUri = pathToUri(path.join(models.root, models.envPy));
    const open = state.documents.get(envUri);
    let text: string;
    try {
      text = open ? open.getText() : fs.readFileSync(path.join(models.root, models.envPy), 'utf8');
    } catch (err) {
      return { ok: false, message: `${models.envPy} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}.` };
    }
    const result = buildEdit(text);
    if (result.kind === 'in-place') return { ok: false, message: `${models.envPy} already keeps autogenerate from dropping tables without a model.` };
    if (result.kind === 'error') return { ok: false, message: result.message };
    const index = new LineIndex(text);
    return {
      ok: true,
      title: `${result.title} (${models.envPy})`,
      open: envUri,
      edit: {
        documentChanges: [
          { textDocument: { uri: envUri, version: open?.version ?? null }, edits: result.edits.map((e) => ({ range: toLspRange(index, e.range), newText: e.newText })) },
        ],
      },
    };
  };
}
