import type { ContextManagerState, GlobalProviderState } from './runtime.js';

/** Facts about a capture's set-up, and hints for when spans are missing. */
export interface CaptureDiagnosis {
  readonly label: string;
  readonly spans: number;
  readonly unended: number;
  readonly late: number;
  readonly globalProvider: GlobalProviderState;
  readonly globalProviderName: string | undefined;
  readonly contextManager: ContextManagerState;
  /** Captures open now, this one included if it is open. */
  readonly openCaptures: number;
  /** Names of spans that started while this capture was open but that no capture could claim. */
  readonly unroutedSpans: readonly string[];
  readonly hints: readonly string[];
}

type DiagnosisFacts = Omit<CaptureDiagnosis, 'hints'>;

const PROVIDER_TEXT: Record<GlobalProviderState, string> = {
  registered: 'the capture provider is the global provider (spans from trace.getTracer() are captured)',
  attached: 'attached to your global provider',
  foreign: 'a global provider is registered that this kit cannot attach to; only capture.tracerProvider is captured',
  untouched: 'not touched (global: false); only capture.tracerProvider and capture.run() spans are captured',
};

/** Adds hints to the facts: what most likely went wrong when nothing (or too little) was captured. */
export function diagnose(facts: DiagnosisFacts): CaptureDiagnosis {
  const hints: string[] = [];
  if (facts.unroutedSpans.length > 0) {
    hints.push(
      `${facts.unroutedSpans.length} span(s) started while several captures were open and could not be told apart ` +
        `(${facts.unroutedSpans.slice(0, 3).join(', ')}): in concurrent tests run the code under test inside ` +
        'capture.run(() => ...) or give it capture.tracerProvider.',
    );
  }
  if (facts.globalProvider === 'foreign') {
    hints.push(
      `The global provider (${facts.globalProviderName ?? 'unknown'}) is not an OpenTelemetry SDK provider this kit can attach to: ` +
        'pass capture.tracerProvider to the code under test, e.g. new Orchestrator({ tools, tracerProvider: capture.tracerProvider }).',
    );
  }
  if (facts.contextManager === 'missing') {
    hints.push(
      'No working context manager is registered: spans get no parents and capture.run() cannot route them; register an AsyncLocalStorageContextManager.',
    );
  }
  if (facts.spans === 0) {
    hints.push(
      'If the code under test uses a TracerProvider of its own (not the global one), pass it capture.tracerProvider instead.',
      'Spans are captured from captureSpans() until the test ends: check that the code under test ran, and that it was awaited.',
    );
  }
  return { ...facts, hints };
}

/** Renders a diagnosis for failure messages. */
export function formatDiagnosis(diagnosis: CaptureDiagnosis): string {
  const lines = [
    `Capture "${diagnosis.label}": ${diagnosis.spans} span(s) captured, ${diagnosis.unended} not ended, ${diagnosis.late} late.`,
    `  global provider: ${PROVIDER_TEXT[diagnosis.globalProvider]}${diagnosis.globalProviderName && diagnosis.globalProvider !== 'registered' ? ` (${diagnosis.globalProviderName})` : ''}`,
    `  context manager: ${diagnosis.contextManager}`,
    `  open captures: ${diagnosis.openCaptures}`,
  ];
  if (diagnosis.hints.length > 0) lines.push('Hints:', ...diagnosis.hints.map((hint) => `  - ${hint}`));
  return lines.join('\n');
}
