// migrationGuard/generateModel: a SQLAlchemy model for a live table (core/fixes/generateModel.ts), as a
// workspace edit that creates the model file and adds its import where env.py's metadata will see it.
// Files open in the editor are read as the editor has them.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { findTable } from '../core/db/schemaSource';
import type { DjangoTarget } from '../core/fixes/generateDjango';
import { generateModel as buildModel } from '../core/fixes/generateModel';
import { appLabel, columnOf, priorState } from '../core/frontends/django';
import { withDefaults } from '../core/options';
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
    if (!absolute || !layout || typeof params.table !== 'string') return { ok: false, message: 'Generate model needs a file of an Alembic or Django project.' };
    const db = await state.facts.db.open(layout);
    if (!db) return { ok: false, message: `Generate model reads the table's columns from the database. ${state.facts.db.status(layout).message ?? ''}`.trim() };
    const models = await state.facts.modelsFor(absolute);
    const table = findTable(db.snapshot, { schema: params.schema, name: params.table });
    if (!models || !table) return { ok: false, message: `Table ${params.table} is not in ${db.source.description}.` };
    const read = (rel: string) => readProjectFile(state, path.join(layout.root, rel));
    const near = path.relative(layout.root, absolute).split(path.sep).join('/');
    const model = buildModel(table, models, read, db.snapshot.defaultSchema, layout.framework === 'django' ? { near, ...djangoOwner(absolute, table.name) } : {});
    if ('error' in model) return { ok: false, message: model.error };
    const { newFile, importEdit } = model;
    const changes = [];
    if (newFile) {
      const newUri = pathToUri(path.join(layout.root, newFile.path));
      changes.push(
        { kind: 'create' as const, uri: newUri, options: { overwrite: false, ignoreIfExists: false }, annotationId: ANNOTATION },
        { textDocument: { uri: newUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newFile.text, annotationId: ANNOTATION }] },
      );
    }
    if (importEdit) {
      const importUri = pathToUri(path.join(layout.root, importEdit.path));
      const importIndex = new LineIndex(read(importEdit.path) ?? '');
      changes.push({
        textDocument: { uri: importUri, version: state.documents.get(importUri)?.version ?? null },
        edits: importEdit.edits.map((e) => ({ range: toLspRange(importIndex, e.range), newText: e.newText, annotationId: ANNOTATION })),
      });
    }
    const where = newFile && importEdit ? `to ${newFile.path} and imported it in ${importEdit.path}` : `to ${model.shown}`;
    return {
      ok: true,
      title: model.title,
      done: `Wrote model ${model.name} for table ${table.name} ${where}. With a model mapping it, a drop of ${table.name} is now a drop-mapped-table error: remove the drop with its quick fix if the table is still used.`,
      open: pathToUri(path.join(layout.root, model.shown)),
      expect: { uri: pathToUri(path.join(layout.root, model.shown)), contains: definitionLine(model.name, newFile?.text ?? importEdit?.edits.map((e) => e.newText).join('') ?? '') },
      // The files change only once the user confirms them in the editor's refactor preview.
      edit: {
        documentChanges: changes,
        changeAnnotations: {
          [ANNOTATION]: { label: `Model ${model.name} for ${table.name}`, needsConfirmation: true, description: newFile && importEdit ? `${newFile.path}, imported in ${importEdit.path}` : model.shown },
        },
      },
    };
  };
}

/**
 * The model the app's migrations before this one have for the table, when the request comes from a Django
 * migration: Django created the table, so the generated model keeps its name and fields (generateDjango.ts).
 */
function djangoOwner(migration: string, table: string): Pick<DjangoTarget, 'stateModel'> {
  if (!migration.split(path.sep).includes('migrations')) return {};
  const app = appLabel(migration);
  const { state } = priorState(migration, app, [], withDefaults({}));
  const model = state.modelOfTable(table);
  if (!model || !model.managed) return {};
  return { stateModel: { name: model.name, app, fields: [...model.fields].map(([name, f]) => ({ name, column: columnOf(name, f) })) } };
}

/** What the written file must hold: the class line, or the Table() assignment of a table without a key. */
function definitionLine(name: string, text: string): string {
  const cls = `class ${name}(`;
  return text.includes(cls) ? cls : `${name} = sa.Table(`;
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
