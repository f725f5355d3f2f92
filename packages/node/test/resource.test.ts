import { defaultServiceName } from '@opentelemetry/resources';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildResource } from '../src/resource.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('buildResource', () => {
  it('falls back to the SDK defaults', () => {
    vi.stubEnv('OTEL_SERVICE_NAME', '');
    vi.stubEnv('OTEL_RESOURCE_ATTRIBUTES', '');
    const { attributes } = buildResource({});
    expect(attributes['service.name']).toBe(defaultServiceName());
    expect(attributes['telemetry.sdk.language']).toBe('nodejs');
  });

  it('reads OTEL_RESOURCE_ATTRIBUTES, with OTEL_SERVICE_NAME winning for service.name', () => {
    vi.stubEnv('OTEL_RESOURCE_ATTRIBUTES', 'service.name=from-attributes,deployment.environment.name=staging');
    vi.stubEnv('OTEL_SERVICE_NAME', 'from-service-name');
    const { attributes } = buildResource({});
    expect(attributes['service.name']).toBe('from-service-name');
    expect(attributes['deployment.environment.name']).toBe('staging');
  });

  it('lets explicit options win over the environment, serviceName over resourceAttributes', () => {
    vi.stubEnv('OTEL_RESOURCE_ATTRIBUTES', 'deployment.environment.name=staging,team=env');
    vi.stubEnv('OTEL_SERVICE_NAME', 'from-env');
    const { attributes } = buildResource({
      serviceName: 'explicit',
      resourceAttributes: { 'deployment.environment.name': 'prod', 'service.name': 'from-attributes' },
    });
    expect(attributes).toMatchObject({ 'service.name': 'explicit', 'deployment.environment.name': 'prod', team: 'env' });
  });
});
