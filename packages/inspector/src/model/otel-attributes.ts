// OpenTelemetry semantic-convention keys (stable) the inspector reads besides the tooltrace contract.

/** Resource attribute naming the service that emitted a span. */
export const ATTR_SERVICE_NAME = 'service.name';
/** The event recorded by `span.recordException`. */
export const EVENT_EXCEPTION = 'exception';
/** Exception event attribute: the error class. */
export const ATTR_EXCEPTION_TYPE = 'exception.type';
/** Exception event attribute: the error message. */
export const ATTR_EXCEPTION_MESSAGE = 'exception.message';
/** Exception event attribute: the stack trace. */
export const ATTR_EXCEPTION_STACKTRACE = 'exception.stacktrace';
