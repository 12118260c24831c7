// The Alembic frontend's entry point: what the rest of the code uses of it.
export { alembicFrontend } from './frontend';
export { alembicWithHistory, revisionOf } from './history';
export type { OpDraft } from './ops';
