// The model index: every model in the project, which of them env.py's target_metadata can see, and what
// env.py keeps away from autogenerate. Built statically (no Python is run) and once per project; the
// language server rebuilds it when a Python file changes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { iniValue } from '../ini';
import { directoryMemo, existsOnDisk, listingOf } from '../dirLookups';
import { withParsersLoaded } from '../parse/onDemand';
import { hasUnmappedGuard } from '../fixes/includeObject';
import { iniExcludedTables, readEnvPy, type EnvFacts } from './alembicEnv';
import { djangoModels } from './django';
import { absoluteModule, isPackageFile, listPythonFiles, moduleMap, readFromDisk, type ReadFile } from './files';
import { readModule } from './pyModule';
import { reachableFrom } from './reachability';
import { Resolver, type LoadedModule } from './resolve';
import { sqlalchemyModels, type TableNaming } from './sqlalchemy';
import type { ModelIndex, ModuleSummary } from './types';

export type { ModelIndex, ModelInfo, TableFilter } from './types';
export { isExcluded } from './types';
export type { TableNaming } from './sqlalchemy';

export interface ProjectLayout {
  framework: 'alembic' | 'django';
  root: string;
  alembicIni?: string;
  /** Alembic's script_location (absolute). */
  scriptLocation?: string;
}

export interface ModelIndexOptions {
  readFile?: ReadFile;
  tableNaming?: TableNaming;
}

// Files worth parsing for models; everything else is parsed only when an import from env.py leads to it.
const MODEL_MARKERS = /__tablename__|\bTable\s*\(|declarative_base|DeclarativeBase|as_declarative|generate_base|\.Model\b|SQLModel|ManyToManyField/;

// Each directory's answer, misses included: a directory asks its parent only once.
const projects = directoryMemo<ProjectLayout | null>();

/** The Alembic (alembic.ini) or Django (manage.py) project that `start` belongs to, searching upwards. */
export function findProject(start: string): ProjectLayout | undefined {
  const abs = path.resolve(start);
  const known = projects.get(abs);
  if (known !== undefined) return known ?? undefined;
  // A folder the run's walk listed needs no question to the disk.
  const isFile = listingOf(abs) === undefined && fs.existsSync(abs) && fs.statSync(abs).isFile();
  return (isFile ? projectAt(path.dirname(abs)) : projectAt(abs)) ?? undefined;
}

function projectAt(dir: string): ProjectLayout | null {
  const known = projects.get(dir);
  if (known !== undefined) return known;
  let found: ProjectLayout | null;
  const ini = path.join(dir, 'alembic.ini');
  if (existsOnDisk(ini)) {
    const text = readFromDisk(ini) ?? '';
    const location = iniValue(text, 'alembic', 'script_location')?.replace(/%\(here\)s/g, dir);
    found = { framework: 'alembic', root: dir, alembicIni: ini, scriptLocation: path.resolve(dir, location ?? 'alembic') };
  } else if (existsOnDisk(path.join(dir, 'manage.py'))) {
    found = { framework: 'django', root: dir };
  } else {
    const parent = path.dirname(dir);
    found = parent === dir ? null : projectAt(parent);
  }
  projects.set(dir, found);
  return found;
}

/** Python is read by the fast parser where it can; tree-sitter is loaded only when a file needs it. */
export function buildModelIndex(layout: ProjectLayout, opts: ModelIndexOptions = {}): Promise<ModelIndex> {
  return withParsersLoaded(() => readModelIndex(layout, opts));
}

function readModelIndex(layout: ProjectLayout, opts: ModelIndexOptions): ModelIndex {
  const read = opts.readFile ?? readFromDisk;
  const { root } = layout;
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  const iniText = layout.alembicIni ? read(layout.alembicIni) ?? '' : '';
  const skip = new Set(layout.scriptLocation ? [layout.scriptLocation] : []);
  const files = listPythonFiles(root, skip);
  const modules = moduleMap(files, importRoots(root, iniText));
  const notes: string[] = [];

  const loaded = new Map<string, LoadedModule | null>();
  const texts = new Map<string, string | undefined>();
  const readOnce = (file: string) => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file);
  };
  const loadFile = (module: string, file: string): LoadedModule | undefined => {
    const text = readOnce(file);
    if (text === undefined) return undefined;
    return { module, file: rel(file), isPackage: isPackageFile(file), facts: readModule(text) };
  };
  const load = (module: string): LoadedModule | undefined => {
    const cached = loaded.get(module);
    if (cached !== undefined) return cached ?? undefined;
    const file = modules.get(module);
    const m = file ? loadFile(module, file) : undefined;
    loaded.set(module, m ?? null);
    return m;
  };
  const candidates: LoadedModule[] = [];
  for (const [module, file] of modules) {
    const text = readOnce(file);
    if (text !== undefined && MODEL_MARKERS.test(text)) {
      const m = load(module);
      if (m) candidates.push(m);
    }
  }
  const resolver = new Resolver(candidates, load);
  const base = {
    root,
    exclusions: { names: [] as string[], prefixes: [] as string[], suffixes: [] as string[], unmappedExcluded: false },
    includeSchemas: false,
    notes,
  };

  if (layout.framework === 'django') {
    // Django's own apps (auth, sessions, admin, contenttypes) have tables but no models in the project.
    base.exclusions.prefixes.push('django_', 'auth_');
    return { ...base, framework: 'django', models: djangoModels(resolver), versionTable: { name: 'django_migrations' }, reachableModules: [], bases: [] };
  }

  const { models, bases } = sqlalchemyModels(resolver, opts.tableNaming, notes);
  const envFile = path.join(layout.scriptLocation ?? path.join(root, 'alembic'), 'env.py');
  const envText = read(envFile);
  if (envText === undefined) {
    notes.push(`${rel(envFile)} was not found, so which models autogenerate sees is not known; every model counts as seen.`);
    for (const m of models) m.reachable = true;
    return { ...base, framework: 'alembic', models, versionTable: { name: 'alembic_version' }, reachableModules: [], bases };
  }
  const env: EnvFacts = readEnvPy(envText);
  notes.push(...env.notes);
  env.exclusions.names.push(...iniExcludedTables(iniText, envText));
  const envModule: LoadedModule = { module: '__alembic_env__', file: rel(envFile), isPackage: false, facts: readModule(envText) };
  const reached = reachableFrom(envModule, load);
  const reachedNames = new Set(reached.map((m) => m.module));
  for (const m of models) m.reachable = reachedNames.has(m.module);
  if (env.targetMetadata === undefined) notes.push(`${rel(envFile)} sets no target_metadata, so autogenerate is not in use and no table is dropped for lack of a model.`);
  const index: ModelIndex = {
    ...base,
    framework: 'alembic',
    envPy: rel(envFile),
    models,
    exclusions: env.exclusions,
    includeSchemas: env.includeSchemas,
    versionTable: env.versionTable,
    reachableModules: [envModule, ...reached].map(summary(reachedNames)),
    bases,
  };
  if (env.targetMetadata !== undefined) index.targetMetadata = env.targetMetadata;
  index.unmappedGuard = hasUnmappedGuard(envText);
  return index;
}

/** sys.path as Alembic sets it up: alembic.ini's folder, prepend_sys_path, and a src/ layout. */
function importRoots(root: string, iniText: string): string[] {
  const roots = [root];
  const prepend = iniValue(iniText, 'alembic', 'prepend_sys_path');
  for (const p of prepend?.split(/[\s,:;]+/).filter(Boolean) ?? []) roots.push(path.resolve(root, p.replace(/%\(here\)s/g, root)));
  roots.push(path.join(root, 'src'));
  return [...new Set(roots)];
}

function summary(reached: Set<string>) {
  return (m: LoadedModule): ModuleSummary => ({
      module: m.module,
      file: m.file,
      imports: m.facts.imports
        .flatMap((i) => {
          const target = absoluteModule(i.module, m.module, m.isPackage);
          return target ? [target, ...i.names.map((n) => `${target}.${n}`)] : [];
        })
        .filter((name) => reached.has(name)),
  });
}
