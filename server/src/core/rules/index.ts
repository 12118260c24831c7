import { addCheckWithoutNotValid } from './add-check-without-not-valid';
import { addForeignKeyWithoutNotValid } from './add-foreign-key-without-not-valid';
import { addNotNullColumnWithoutDefault } from './add-not-null-column-without-default';
import { appliedNotInRepository } from './applied-not-in-repository';
import { cascadeDrop } from './cascade-drop';
import { alterColumnType } from './alter-column-type';
import { concurrentlyInTransaction } from './concurrently-in-transaction';
import { createIndexNonConcurrently } from './create-index-non-concurrently';
import { deleteRows } from './delete-rows';
import { downgradeNotRestoring } from './downgrade-not-restoring';
import { dropColumn } from './drop-column';
import { dropConstraint } from './drop-constraint';
import { dropIndex } from './drop-index';
import { dropMappedTable } from './drop-mapped-table';
import { dropSchema } from './drop-schema';
import { dropTable } from './drop-table';
import { dropTypeOrEnumValue } from './drop-type-or-enum-value';
import { dropUnmappedTable } from './drop-unmapped-table';
import { dynamicSql } from './dynamic-sql';
import { editedAfterApply } from './edited-after-apply';
import { failsOnCurrentData } from './fails-on-current-data';
import { irreversibleDowngrade } from './irreversible-downgrade';
import { modelNotOnMetadata } from './model-not-on-metadata';
import { multipleHeads } from './multiple-heads';
import { parseError } from './parse-error';
import { pendingOutOfOrder } from './pending-out-of-order';
import { rehearsalFailed } from './rehearsal-failed';
import { renameColumn } from './rename-column';
import { renameTable } from './rename-table';
import { setNotNull } from './set-not-null';
import { staleReview } from './stale-review';
import { suppressionWithoutReason } from './suppression-without-reason';
import { truncate } from './truncate';
import type { Rule } from './types';
import { unreviewedAutogenerate } from './unreviewed-autogenerate';
import { unusedSuppression } from './unused-suppression';
import { updateRowsWithoutWhere } from './update-rows-without-where';
import { volatileDefaultRewrite } from './volatile-default-rewrite';

/** The explicit registry: a rule exists when it is listed here. */
export const RULES: readonly Rule[] = [
  dropTable,
  dropColumn,
  dropSchema,
  truncate,
  deleteRows,
  updateRowsWithoutWhere,
  alterColumnType,
  dropTypeOrEnumValue,
  unreviewedAutogenerate,
  dropUnmappedTable,
  dropMappedTable,
  modelNotOnMetadata,
  irreversibleDowngrade,
  dynamicSql,
  staleReview,
  editedAfterApply,
  pendingOutOfOrder,
  appliedNotInRepository,
  multipleHeads,
  renameTable,
  renameColumn,
  setNotNull,
  failsOnCurrentData,
  addNotNullColumnWithoutDefault,
  dropConstraint,
  dropIndex,
  createIndexNonConcurrently,
  addForeignKeyWithoutNotValid,
  addCheckWithoutNotValid,
  volatileDefaultRewrite,
  concurrentlyInTransaction,
  parseError,
  suppressionWithoutReason,
  unusedSuppression,
  rehearsalFailed,
  cascadeDrop,
  downgradeNotRestoring,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
