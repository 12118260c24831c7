// The Django frontend's entry point: what the rest of the code uses of it.
export { djangoFrontend } from './frontend';
// Generate model reads the app's migration state to name a Django model as the migrations do.
export { columnOf } from './fields';
export { appLabel, priorState } from './history';
