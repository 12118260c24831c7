import type { OpKind } from '../ops';

/** Operation kinds that destroy data when they run. */
export const DATA_LOSS_KINDS: readonly OpKind[] = [
  'drop-table', 'drop-column', 'drop-schema', 'drop-database', 'truncate', 'delete-rows', 'update-rows', 'drop-type', 'drop-enum-value',
];
