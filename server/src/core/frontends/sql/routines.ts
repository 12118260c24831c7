// Functions and procedures the migration itself creates: CREATE FUNCTION/PROCEDURE records the body, and
// a later statement that calls one (SELECT f(), CALL p(), PERFORM f()) has that body checked where it runs.

import type { CreateFunctionStmt, Node } from 'libpg-query';
import type { SqlStatement } from '../../parse/sqlSplit';
import { analyseNode, analyseSql } from './frontend';
import { analysePlpgsql } from './plpgsql';
import { emit, type Place, type Routine, type Scope } from './scope';

// Statements that run the functions they call now (not views, defaults of new tables, triggers or rules).
export const RUNS_CALLS = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CreateTableAsStmt',
  'CallStmt',
  'ExplainStmt',
  'PrepareStmt',
  'AlterTableStmt',
]);

export function noteRoutine(stmt: CreateFunctionStmt, scope: Scope): void {
  const names = (stmt.funcname ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
  const name = names[names.length - 1];
  if (!name) return;
  const routine: Routine = { language: 'sql' };
  for (const option of stmt.options ?? []) {
    if (!('DefElem' in option)) continue;
    const { defname, arg } = option.DefElem;
    if (defname === 'language' && arg && 'String' in arg) routine.language = (arg.String.sval ?? '').toLowerCase();
    if (defname === 'as' && arg && 'List' in arg) {
      const first = arg.List.items?.[0];
      if (first && 'String' in first) routine.body = first.String.sval ?? '';
    }
  }
  if (stmt.sql_body) routine.statements = flatStatements(stmt.sql_body);
  const type = (stmt.returnType?.names ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
  if (type.length > 0 && type[type.length - 1] !== 'void') {
    routine.returns = `${stmt.returnType?.setof ? 'SETOF ' : ''}${type.map((n) => `"${n.replace(/"/g, '""')}"`).join('.')}`;
  }
  scope.routines.set(name, routine);
}

/** A SQL-standard body is a List holding a List of statements (or a single RETURN expression). */
function flatStatements(node: Node): Node[] {
  if ('List' in node) return (node.List.items ?? []).flatMap(flatStatements);
  return [node];
}

/** The routines created earlier in this migration that a statement calls, in the order it names them. */
export function routinesCalled(node: Node, scope: Scope): Routine[] {
  if (scope.routines.size === 0) return [];
  const found: Routine[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'FuncCall' || key === 'funccall') {
        const names = ((child as { funcname?: Node[] }).funcname ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
        const routine = scope.routines.get(names[names.length - 1] ?? '');
        if (routine && !found.includes(routine)) found.push(routine);
      }
      visit(child);
    }
  };
  visit(node);
  return found;
}

/** Checks the body of a routine the migration created, at the statement that calls it. */
export function runRoutine(routine: Routine, unit: SqlStatement, scope: Scope, place: Place): void {
  if (routine.running) return; // recursion
  routine.running = true;
  const here: Place = () => place(unit);
  try {
    if (routine.statements) {
      for (const stmt of routine.statements) analyseNode(stmt, unit, scope, place);
    } else if (routine.language === 'sql' && routine.body !== undefined) {
      analyseSql(routine.body, scope, here);
    } else if (routine.language === 'plpgsql' && routine.body !== undefined) {
      analysePlpgsql(routine.body, { start: unit.start, end: unit.end, text: '' }, scope, place, routine.returns);
    } else {
      const reason = `it calls a function written in ${routine.language}, which cannot be read statically`;
      emit(scope, { kind: 'dynamic-sql', details: { reason } }, unit, place, true);
    }
  } finally {
    routine.running = false;
  }
}
