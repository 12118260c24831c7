import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { serialiseSnapshot } from '../../core/db/snapshot';
import { findProject } from '../../core/models';
import { UsageError } from '../../core/walk';
import type { CliIo } from '../io';
import { DATABASE_OPTIONS, sourceSpec, withSource } from './database';

/** Writes the schema (tables, columns, keys, row estimates) to a file that CI can check against offline. */
export async function snapshot(args: string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false }, ...DATABASE_OPTIONS },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`snapshot takes no paths (got ${positionals.join(' ')}); name the output with --output`);
  if (values['schema-snapshot'] !== undefined) throw new UsageError('snapshot reads a database; --schema-snapshot is its output format, not an input');
  const spec = sourceSpec(values, io, findProject(io.cwd)?.alembicIni, true);
  if (!spec) throw new UsageError('snapshot needs a database');
  const taken = await withSource(spec, (source) => source.read());
  const text = serialiseSnapshot(taken);
  if (values.output === undefined || values.output === '-') {
    io.stdout(text);
  } else {
    fs.writeFileSync(path.resolve(io.cwd, values.output), text);
    io.stderr(`Wrote ${taken.tables.length} tables from ${taken.source} to ${values.output}.\n`);
  }
  return 0;
}
