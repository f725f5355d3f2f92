import type { Attributes } from '@opentelemetry/api';
import { defaultResource, detectResources, envDetector, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** The parts of the resource that `startTracing` options can set. */
export interface ResourceOptions {
  serviceName?: string | undefined;
  resourceAttributes?: Attributes | undefined;
}

/**
 * The resource every span carries. Later sources win: the SDK defaults (`telemetry.sdk.*`,
 * `service.name=unknown_service:<process>`), then `OTEL_RESOURCE_ATTRIBUTES`, then `OTEL_SERVICE_NAME`,
 * then `options.resourceAttributes`, then `options.serviceName`.
 */
export function buildResource(options: ResourceOptions): Resource {
  const fromEnv = detectResources({ detectors: [envDetector] });
  const fromOptions = resourceFromAttributes({
    ...options.resourceAttributes,
    ...(options.serviceName === undefined ? {} : { [ATTR_SERVICE_NAME]: options.serviceName }),
  });
  return defaultResource().merge(fromEnv).merge(fromOptions);
}
