// The SQL frontend's entry point: what the rest of the code, the Python frontends included, uses of it.
export { GUARDABLE, GuardBook } from './frontend';
export { readSections } from './file';
export { pythonSqlOps } from './fromPython';
export { analysisKey, earlierMigrations, sqlFileWithHistory } from './history';
export { copyTables, foldOps, SchemaBook, type History, type Tables } from './schema';
export { completeRebuild, markNotCreated } from './scope';
