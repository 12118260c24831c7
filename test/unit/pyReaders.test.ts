/**
 * The shared Python readers (server/src/core/python): the one class reader and the one import reader that
 * the Alembic and Django frontends, the model index and the env.py fix all use.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPythonParser } from '../../server/src/core/parse/python';
import { classDefinition, readClass, type ClassInfo } from '../../server/src/core/python/classes';
import { readImport } from '../../server/src/core/python/imports';
import { withPythonTree } from '../../server/src/core/python/node';

before(async () => {
  await initPythonParser();
});

/** Each class of the module, read in order as Python defines them: name -> method -> `kind line`. */
function classes(text: string): Record<string, Record<string, string>> {
  return withPythonTree(text, (root) => {
    const known = new Map<string, ClassInfo>();
    const out: Record<string, Record<string, string>> = {};
    for (const stmt of root.namedChildren) {
      const def = classDefinition(stmt);
      const cls = def ? readClass(def, (name) => known.get(name)) : undefined;
      if (!cls) continue;
      known.set(cls.name, cls);
      out[cls.name] = Object.fromEntries([...cls.methods].map(([name, m]) => [name, `${m.kind} ${text.slice(0, m.fn.startIndex).split('\n').length}`]));
    }
    return out;
  });
}

test('classes: own methods over inherited ones, the leftmost base first, a redefined method is the last one', () => {
  const text = [
    'class A:', //                                   1
    '    def run(self): pass', //                    2
    '    @staticmethod', //                          3
    '    def only_a(x): pass', //                    4
    'class B:', //                                   5
    '    def run(self): pass', //                    6
    '    @classmethod', //                           7
    '    def make(cls): pass', //                    8
    'class C(A, B):', //                             9
    '    def own(self): pass', //                    10
    '    def own(self): return 1', //                11
  ].join('\n');
  assert.deepEqual(classes(text), {
    A: { run: 'instance 2', only_a: 'static 4' },
    B: { run: 'instance 6', make: 'class 8' },
    C: { run: 'instance 2', make: 'class 8', only_a: 'static 4', own: 'instance 11' },
  });
});

test('classes: a base is the class of that name when the subclass is defined, as Python binds it', () => {
  const text = [
    'class Base:', //                                1
    '    def old(self): pass', //                    2
    'class Sub(Base):', //                           3
    '    pass', //                                   4
    'class Base:', //                                5
    '    def new(self): pass', //                    6
    'class Late(Later):', //                         7
    '    pass', //                                   8
    'class Later:', //                               9
    '    def never(self): pass', //                  10
  ].join('\n');
  const read = classes(text);
  assert.deepEqual(read.Sub, { old: 'instance 2' });
  assert.deepEqual(read.Late, {});
});

/** Each import statement's bindings, as `bound=target` (`*` when bound with `as`), after its module. */
function imports(text: string): string[] {
  return withPythonTree(text, (root) =>
    root.namedChildren.flatMap((stmt) => readImport(stmt).map((imp) => `${imp.from ? 'from ' : ''}${imp.module}: ${imp.names.map((n) => `${n.bound}=${n.target}${n.aliased ? '*' : ''} (${n.name})`).join(', ')}`)),
  );
}

test('imports: what each form of import binds, and to what', () => {
  const text = [
    'import os',
    'import a.b',
    'import a.b as c, d',
    'from alembic import op as o, context',
    'from . import models',
    'from .models import (User as U, Group)',
    'from pkg.sub import *',
    'from __future__ import annotations',
    'x = 1',
  ].join('\n');
  assert.deepEqual(imports(text), [
    'os: os=os (os)',
    'a.b: a=a (a.b)',
    'a.b: c=a.b* (a.b)',
    'd: d=d (d)',
    'from alembic: o=alembic.op* (op), context=alembic.context (context)',
    'from .: models=.models (models)',
    'from .models: U=.models.User* (User), Group=.models.Group (Group)',
    'from pkg.sub: ',
  ]);
});
