// migrationGuard/generateModel: a SQLAlchemy model for a live table (core/fixes/generateModel.ts), as a
// workspace edit that creates the model file and adds its import where env.py's metadata will see it.
// Files open in the editor are read as the editor has them.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { findTable } from '../core/db/schemaSource';
import { generateModel as buildModel } from '../core/fixes/generateModel';
import { LineIndex } from '../core/text';
import type { EditResult, GenerateModelParams } from '../protocol';
import { toLspRange } from './positions';
import { pathToUri, uriToPath } from './scope';
import type { LspState } from './state';

const ANNOTATION = 'migrationGuard.generateModel';

export function generateModel(state: LspState) {
  return async (params: GenerateModelParams): Promise<EditResult> => {
    const absolute = uriToPath(params.uri);
    const layout = absolute ? state.facts.layoutOf(absolute) : undefined;
    if (!absolute || !layout || typeof params.table !== 'string') return { ok: false, message: 'Generate model needs a file of an Alembic project.' };
    const db = await state.facts.db.open(layout);
    if (!db) return { ok: false, message: `Generate model reads the table's columns from the database. ${state.facts.db.status(layout).message ?? ''}`.trim() };
    const models = await state.facts.modelsFor(absolute);
    const table = findTable(db.snapshot, { schema: params.schema, name: params.table });
    if (!models || !table) return { ok: false, message: `Table ${params.table} is not in ${db.source.description}.` };
    const read = (rel: string) => readProjectFile(state, path.join(layout.root, rel));
    const model = buildModel(table, models, read, db.snapshot.defaultSchema);
    if ('error' in model) return { ok: false, message: model.error };
    const newUri = pathToUri(path.join(layout.root, model.newFile.path));
    const importUri = pathToUri(path.join(layout.root, model.importEdit.path));
    const importIndex = new LineIndex(read(model.importEdit.path) ?? '');
    return {
      ok: true,
      title: model.title,
      done: `Wrote model ${model.name} for table ${table.name} to ${model.newFile.path} and imported it in ${model.importEdit.path}. With a model mapping it, a drop of ${table.name} is now a drop-mapped-table error: remove the drop with its quick fix if the table is still used.`,
      open: newUri,
      // Two files change: the editor shows them in its refactor preview, and nothing is written until the user confirms.
      edit: {
        documentChanges: [
          { kind: 'create', uri: newUri, options: { overwrite: false, ignoreIfExists: false }, annotationId: ANNOTATION },
          { textDocument: { uri: newUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: model.newFile.text, annotationId: ANNOTATION }] },
          {
            textDocument: { uri: importUri, version: state.documents.get(importUri)?.version ?? null },
            edits: model.importEdit.edits.map((e) => ({ range: toLspRange(importIndex, e.range), newText: e.newText, annotationId: ANNOTATION })),
          },
        ],
        changeAnnotations: {
          [ANNOTATION]: { label: `Model ${model.name} for ${table.name}`, needsConfirmation: true, description: `${model.newFile.path}, imported in ${model.importEdit.path}` },
        },
      },
    };
  };
}

function readProjectFile(state: LspState, absolute: string): string | undefined {
  const open = state.documents.get(pathToUri(absolute));
  if (open) return open.getText();
  try {
    return fs.readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
}
