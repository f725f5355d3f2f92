import * as app from './app.js';
import * as criticalPath from './critical-path.js';
import * as dom from './dom.js';
import * as failureSummary from './failure-summary.js';
import * as graphLayout from './graph-layout.js';
import * as graphModel from './graph-model.js';
import * as laneProfile from './lane-profile.js';
import * as laneRows from './lane-rows.js';
import * as renderDetails from './render-details.js';
import * as renderGraph from './render-graph.js';
import * as renderHeader from './render-header.js';
import * as renderList from './render-list.js';
import * as renderTimeline from './render-timeline.js';
import * as renderWaterfall from './render-waterfall.js';
import * as search from './search.js';
import * as timeScale from './time-scale.js';
import * as tracePage from './trace-page.js';
import * as traceSummary from './trace-summary.js';
import * as traceView from './trace-view.js';
import * as urlState from './url-state.js';

/** The browser modules, each contributing all of its exported functions to the page's script. */
export const clientModules = {
  app,
  criticalPath,
  dom,
  failureSummary,
  graphLayout,
  graphModel,
  laneProfile,
  laneRows,
  renderDetails,
  renderGraph,
  renderHeader,
  renderList,
  renderTimeline,
  renderWaterfall,
  search,
  timeScale,
  tracePage,
  traceSummary,
  traceView,
  urlState,
};

/**
 * Every function of the page's script, by name. The page serializes each with
 * Function.prototype.toString into one scope and exposes this object there as `lib`. Browser modules
 * call functions of other modules through `lib` (declared, not imported) because an import would not
 * survive serialization; within a file they call each other directly. So every top-level function of
 * a browser module is exported, and names are unique across modules (both checked by tests).
 */
export const clientLibrary = {
  ...app,
  ...criticalPath,
  ...dom,
  ...failureSummary,
  ...graphLayout,
  ...graphModel,
  ...laneProfile,
  ...laneRows,
  ...renderDetails,
  ...renderGraph,
  ...renderHeader,
  ...renderList,
  ...renderTimeline,
  ...renderWaterfall,
  ...search,
  ...timeScale,
  ...tracePage,
  ...traceSummary,
  ...traceView,
  ...urlState,
};

/** The type of `lib` as the browser modules see it. */
export type ClientLibrary = typeof clientLibrary;
