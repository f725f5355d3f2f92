// The public API of @tooltrace/testing; anything not exported here is free to change.
export type { CaptureOptions, CaptureTestContext } from './capture/capture-spans.js';
export { captureSpans } from './capture/capture-spans.js';
export type { CaptureDiagnosis } from './capture/diagnosis.js';
export { formatDiagnosis } from './capture/diagnosis.js';
export { CaptureSetupError, NoActiveCaptureError, UnendedSpansError } from './capture/errors.js';
export type { ContextManagerState, GlobalProviderState } from './capture/runtime.js';
export type { CloseReport, SpanCapture, WaitOptions } from './capture/span-capture.js';
export { isSpanCapture } from './capture/span-capture.js';
export type { SuiteCaptureOptions } from './capture/use-span-capture.js';
export { spanCaptureFixture, useSpanCapture } from './capture/use-span-capture.js';
export { spanMatchers } from './matchers/span-matchers.js';
export type { CapturedMetric, CapturedPoint, MetricCapture } from './metrics/capture-metrics.js';
export { captureMetrics } from './metrics/capture-metrics.js';
export type { SpanSubject } from './matchers/subject.js';
export type { SpanMatcherResult, SpanMatchers } from './matchers/types.js';
export type { PlanExpectations, PlanTraceCheck } from './plan/check-plan.js';
export { checkPlanTrace } from './plan/check-plan.js';
export { SelectorSyntaxError } from './query/errors.js';
export type { Selector } from './query/select.js';
export { parseSelector } from './query/selector-parser.js';
export type {
  AttributeCondition,
  AttributeOperator,
  Combinator,
  CompoundSelector,
  NameCondition,
  ParsedSelector,
  PseudoCondition,
} from './query/selector-types.js';
export { attemptSelector, groupSelector, stepSelector } from './query/tooltrace-selectors.js';
export type { AsymmetricMatcherLike } from './query/value-match.js';
export type { ShapeMatch, ShapeMismatch } from './shape/match-shape.js';
export { matchShape } from './shape/match-shape.js';
export type { EventShape, NameExpectation, ShapeOptions, SpanShape, SpanShapeObject, StatusShape } from './shape/span-shape.js';
export type { SerializableTree, SerializeOptions } from './snapshot/serialize-tree.js';
export { serializeTree } from './snapshot/serialize-tree.js';
export { spanTreeSerializer } from './snapshot/serializer.js';
export type {
  CapturedEvent,
  CapturedLink,
  CapturedSpan,
  CapturedStatus,
  SpanKindName,
  SpanLike,
  SpanStatusName,
} from './spans/captured-span.js';
export { toCapturedSpans } from './spans/captured-span.js';
export { SpanNotFoundError } from './tree/errors.js';
export type { SpanLinkNode } from './tree/span-node.js';
export { isSpanNode, SpanNode } from './tree/span-node.js';
export { buildTree, isSpanTree, SpanTree } from './tree/span-tree.js';
