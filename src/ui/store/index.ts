/**
 * The UI's state, in three slices with different lives:
 * - the document (`useDocument`): the scenario being edited; validated, saved, undoable;
 * - the session (`useSession`): selection, clipboard, menus, speed, notices; gone on reload;
 * - the results (`useResults`, `history`): what the running simulation reports, ~10×/s.
 * `simulation` is the one path to the worker.
 */
export {
  useDocument,
  errorsAt,
  selectCanRedo,
  selectCanUndo,
  edgeTarget,
  nodeTarget,
  scenarioTarget,
  GRID,
  type DocumentOrigin,
  type EditResult,
  type FieldError,
  type XY,
} from './documentStore';
export { useSession, singleSelection, type MenuRequest, type Selection } from './sessionStore';
export { useResults, history, currentView, receiveBatch, type LiveEdge, type LiveFault, type LiveNode } from './resultsStore';
export { simulation } from './simulation';
export { defaultScenario } from './defaultScenario';
