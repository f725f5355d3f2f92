import type { AttributeQuery } from '../../model/attribute-query.js';
import type { TraceFilter, TraceSortKey } from '../../model/trace-filter.js';
import type { StepView, TraceView } from '../../model/trace-view-types.js';
import type { InspectorSpan, InspectorTrace } from '../../model/types.js';

/** How many things the page draws before it summarises (keeps 10,000-step traces usable). */
export interface RenderLimits {
  /** Steps per run drawn as graph nodes; beyond it the graph shows one node per execution group. */
  graphNodes: number;
  /** Rows per swimlane before "show all"; pinned rows (critical path, matches) are always drawn. */
  laneRows: number;
  /** Rows of the span tree before "show all". */
  spanRows: number;
  /** Spans with more children than this start folded in the span tree. */
  spanChildren: number;
}

/** The id of the `<script type="application/json">` element holding the page's {@link Bootstrap} data. */
export const BOOTSTRAP_ELEMENT_ID = 'tooltrace-data';

/** The data the page embeds for its script. */
export interface Bootstrap {
  mode: 'live' | 'static';
  /** Static mode: every trace of the page. Live mode: null (fetched from the API). */
  traces: InspectorTrace[] | null;
  limits: RenderLimits;
}

/** Page-wide elements and state shared by the list and trace pages. */
export interface AppShell {
  boot: Bootstrap;
  main: HTMLElement;
  details: HTMLElement;
  searchInput: HTMLInputElement;
  searchStatus: HTMLElement;
  searchResults: HTMLElement;
  /** The trace page currently shown, if any. */
  page: TracePage | null;
  /** The list's filters, sort and selection, kept while the list is redrawn. */
  list: ListState;
}

/** The trace list's state. */
export interface ListState {
  filter: TraceFilter;
  /** Which entry of the list's time-range choices is picked (0: any time). */
  sinceIndex: number;
  sortKey: TraceSortKey;
  descending: boolean;
  /** Traces picked for comparison (at most two, in order of picking). */
  selected: Set<string>;
}

/** The state of a shown trace. */
export interface TracePage {
  shell: AppShell;
  view: TraceView;
  spanById: Map<string, InspectorSpan>;
  stepByKey: Map<string, StepView>;
  /** Step keys on any run's critical path. */
  criticalKeys: Set<string>;
  /** Critical dependency edges as `fromKey->toKey`. */
  criticalEdges: Set<string>;
  /** Critical paths per run key, first step first. */
  criticalPaths: Map<string, string[]>;
  selectedSpanId: string | null;
  query: AttributeQuery | null;
  matches: Set<string>;
  /** Swimlanes the user expanded past the row limit, as `runKey/groupIndex`. */
  expandedLanes: Set<string>;
  /** Whether the span tree shows all rows past `spanRows`. */
  spanTreeExpanded: boolean;
  /** Span ids whose children the span tree hides. */
  collapsedSpans: Set<string>;
  timeline: HTMLElement;
  spanTree: HTMLElement | null;
  /** Selects a span (null clears) everywhere on the page; renderers call it instead of importing the page module. */
  select: (spanId: string | null, scroll: boolean) => void;
}
