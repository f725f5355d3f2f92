import {
  composeValue,
  type DockerSetup,
  ENV_REFERENCE,
  filesAt,
  flagValue,
  hostPathFor,
  type Json,
  list,
  mountsOf,
  parseEndpoint,
  portsOf,
  record,
} from './docker-setup.js';

/**
 * Checks that the files under docker/ agree with each other, as far as can be told without a
 * Docker engine. Returns one message per problem; an empty list means consistent.
 */
export function checkDockerSetup(setup: DockerSetup): string[] {
  const compose = record(setup.files['compose.yaml']);
  const services = record(compose.services);
  if (Object.keys(services).length === 0) return ['compose.yaml defines no services'];
  const context: CheckContext = { setup, compose, services };
  return [
    ...checkImages(context),
    ...checkReferences(context),
    ...checkMounts(context),
    ...checkPorts(context),
    ...checkEnvDefaults(context),
    ...checkCollector(context),
    ...checkJaeger(context),
    ...checkTempo(context),
    ...checkPrometheus(context),
    ...checkGrafana(context),
    ...checkDashboards(context),
    ...checkReadme(context),
  ];
}

interface CheckContext {
  setup: DockerSetup;
  compose: Json;
  services: Json;
}

const OTLP_PORTS = [4317, 4318];
/** What Jaeger v2's built-in all-in-one configuration listens on (when it runs without a config file). */
const JAEGER_BUILT_IN_PORTS = [4317, 4318, 16686];
const JAEGER_QUERY_DEFAULT_PORTS = { http: 16686, grpc: 16685 };
const JAEGER_CONFIG_FLAG = '--config';
/** Build inputs for the native binaries (scripts/backends), not files a container mounts. */
const NATIVE_DIR = 'native/';
const GRAFANA_DEFAULT_PORT = 3000;
const TEMPO_DEFAULT_HTTP_PORT = 3200;
const COLLECTOR_CONFIG_FLAG = '--config';
const TEMPO_CONFIG_FLAG = '-config.file';
const TEMPO_EXPAND_ENV_FLAG = '-config.expand-env';
const GRAFANA_DATASOURCES_DIR = '/etc/grafana/provisioning/datasources';
const GRAFANA_DASHBOARDS_DIR = '/etc/grafana/provisioning/dashboards';
const PROMETHEUS_DEFAULT_PORT = 9090;
const PROMETHEUS_CONFIG_FLAG = '--config.file';
const PROMETHEUS_OTLP_FLAG = '--web.enable-otlp-receiver';
/** Where Prometheus's OTLP receiver lives; the Collector's otlp_http exporter appends /v1/metrics. */
const PROMETHEUS_OTLP_PATH = '/api/v1/otlp';
/** The translation the dashboard's PromQL is written for (Prometheus 3's default, spelled out in prometheus.yaml). */
const PROMETHEUS_TRANSLATION = 'UnderscoreEscapingWithSuffixes';

/**
 * tooltrace's metrics (docs/semantic-conventions.md, Metrics; compose.test.ts keeps this list in step
 * with the doc) and the attributes they carry.
 */
export const TOOLTRACE_METRICS: ReadonlyArray<{ name: string; kind: 'histogram' | 'counter'; unit: string }> = [
  { name: 'gen_ai.execute_tool.duration', kind: 'histogram', unit: 's' },
  { name: 'gen_ai.invoke_workflow.duration', kind: 'histogram', unit: 's' },
  { name: 'tooltrace.steps', kind: 'counter', unit: '{step}' },
  { name: 'tooltrace.step.queue.duration', kind: 'histogram', unit: 's' },
  { name: 'tooltrace.run.duration', kind: 'histogram', unit: 's' },
  { name: 'tooltrace.step.retries', kind: 'counter', unit: '{retry}' },
];
const TOOLTRACE_METRIC_ATTRIBUTES = [
  'gen_ai.operation.name',
  'gen_ai.tool.name',
  'gen_ai.workflow.name',
  'error.type',
  'tooltrace.step.status',
  'tooltrace.strategy',
  'tooltrace.outcome',
  'tooltrace.attempt.status',
];

/**
 * The series names Prometheus stores for an OTLP metric under UnderscoreEscapingWithSuffixes: dots
 * become underscores, a unit is appended (`s` → `_seconds`; `{annotation}` units add nothing),
 * counters get `_total`, histograms become `_bucket`/`_sum`/`_count`.
 */
export function prometheusSeries(metric: { name: string; kind: 'histogram' | 'counter'; unit: string }): string[] {
  const unit = metric.unit === 's' ? '_seconds' : '';
  const base = `${prometheusLabel(metric.name)}${unit}`;
  return metric.kind === 'counter' ? [`${base}_total`] : ['_bucket', '_sum', '_count'].map((suffix) => base + suffix);
}

/** An OTLP attribute (or metric) name as a Prometheus label: dots become underscores. */
export function prometheusLabel(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

type Backend = 'collector' | 'jaeger' | 'tempo' | 'grafana' | 'prometheus';

function backendOf(service: Json): Backend | undefined {
  const image = String(service.image ?? '');
  if (image.startsWith('otel/opentelemetry-collector')) return 'collector';
  if (image.startsWith('jaegertracing/jaeger')) return 'jaeger';
  if (image.startsWith('grafana/tempo')) return 'tempo';
  if (image.startsWith('grafana/grafana')) return 'grafana';
  if (image.startsWith('prom/prometheus')) return 'prometheus';
  return undefined;
}

function servicesRunning(context: CheckContext, backend: Backend): string[] {
  // A service with its own entrypoint (tempo-init) is a one-off job, not the backend.
  return Object.entries(context.services)
    .filter(([, service]) => backendOf(record(service)) === backend && record(service).entrypoint === undefined)
    .map(([name]) => name);
}

function checkImages({ services }: CheckContext): string[] {
  const errors: string[] = [];
  const tagsByRepository = new Map<string, Set<string>>();
  for (const [name, service] of Object.entries(services)) {
    const image = String(record(service).image ?? '');
    const reference = image.split('@')[0] ?? '';
    const colon = reference.lastIndexOf(':');
    const tag = colon > reference.lastIndexOf('/') ? reference.slice(colon + 1) : '';
    if (tag === '' || tag === 'latest') {
      errors.push(`service "${name}": image "${image}" must be pinned to a version tag (not latest)`);
      continue;
    }
    const repository = reference.slice(0, colon);
    tagsByRepository.set(repository, new Set([...(tagsByRepository.get(repository) ?? []), tag]));
  }
  for (const [repository, tags] of tagsByRepository) {
    if (tags.size > 1) errors.push(`image ${repository} is pinned to different tags: ${[...tags].join(', ')}`);
  }
  return errors;
}

function checkReferences({ services }: CheckContext): string[] {
  const errors: string[] = [];
  for (const [name, service] of Object.entries(services)) {
    const dependsOn = record(service).depends_on;
    const targets = Array.isArray(dependsOn) ? dependsOn.map(String) : Object.keys(record(dependsOn));
    for (const target of targets) {
      if (!(target in services)) errors.push(`service "${name}" depends on "${target}", which is not defined`);
    }
  }
  for (const backend of ['collector', 'jaeger', 'tempo', 'grafana', 'prometheus'] as const) {
    if (servicesRunning({ services } as CheckContext, backend).length !== 1) {
      errors.push(`compose.yaml must run exactly one ${backend} service`);
    }
  }
  return errors;
}

function checkMounts({ setup, compose, services }: CheckContext): string[] {
  const errors: string[] = [];
  const declaredVolumes = Object.keys(record(compose.volumes));
  const mounted = new Set<string>();
  for (const [name, service] of Object.entries(services)) {
    for (const mount of mountsOf(record(service))) {
      if (mount.kind === 'volume') {
        if (!declaredVolumes.includes(mount.source)) {
          errors.push(`service "${name}" mounts volume "${mount.source}", which is not declared under volumes`);
        }
        continue;
      }
      const files = filesAt(setup, mount.source);
      if (mount.source.startsWith('/') || mount.source.startsWith('..') || files.length === 0) {
        errors.push(`service "${name}" mounts "${mount.source}", which does not exist under docker/`);
      }
      for (const file of files) mounted.add(file);
    }
  }
  for (const file of Object.keys(setup.files)) {
    if (/\.(ya?ml|json)$/.test(file) && file !== 'compose.yaml' && !file.startsWith(NATIVE_DIR) && !mounted.has(file)) {
      errors.push(`docker/${file} is not mounted by any service`);
    }
  }
  return errors;
}

/** Container ports a service listens on, read from its own configuration where it has one. */
function listeningPorts(context: CheckContext, serviceName: string): number[] {
  const service = record(context.services[serviceName]);
  if (service.entrypoint !== undefined) return [];
  switch (backendOf(service)) {
    case 'collector':
      return otlpProtocolEndpoints(record(collectorConfig(context, service)?.receivers).otlp)
        .map(({ endpoint }) => parseEndpoint(endpoint)?.port)
        .filter((port): port is number => port !== undefined);
    case 'tempo': {
      const config = record(tempoConfig(context, service));
      const httpPort = Number(composeValue(record(config.server).http_listen_port ?? TEMPO_DEFAULT_HTTP_PORT));
      const receiverPorts = otlpProtocolEndpoints(record(record(config.distributor).receivers).otlp).map(
        ({ endpoint, protocol }) => parseEndpoint(endpoint)?.port ?? (protocol === 'grpc' ? 4317 : 4318),
      );
      return [httpPort, ...receiverPorts];
    }
    case 'jaeger': {
      if (service.command === undefined) return JAEGER_BUILT_IN_PORTS;
      const config = configFile(context, service, JAEGER_CONFIG_FLAG);
      if (config === undefined) return [];
      const query = record(record(config.extensions).jaeger_query);
      const receiverPorts = otlpProtocolEndpoints(record(config.receivers).otlp).map(({ endpoint }) => parseEndpoint(endpoint)?.port);
      return [
        ...receiverPorts,
        parseEndpoint(record(query.http).endpoint)?.port ?? JAEGER_QUERY_DEFAULT_PORTS.http,
        parseEndpoint(record(query.grpc).endpoint)?.port ?? JAEGER_QUERY_DEFAULT_PORTS.grpc,
      ].filter((port): port is number => port !== undefined);
    }
    case 'grafana':
      return [Number(record(service.environment).GF_SERVER_HTTP_PORT ?? GRAFANA_DEFAULT_PORT)];
    case 'prometheus':
      return [parseEndpoint(flagValue(service, '--web.listen-address'))?.port ?? PROMETHEUS_DEFAULT_PORT];
    default:
      return [];
  }
}

function otlpProtocolEndpoints(otlpReceiver: unknown): Array<{ protocol: string; endpoint: unknown }> {
  return Object.entries(record(record(otlpReceiver).protocols)).map(([protocol, settings]) => ({
    protocol,
    endpoint: record(settings).endpoint,
  }));
}

function checkPorts(context: CheckContext): string[] {
  const errors: string[] = [];
  const hostPorts = new Map<number, string>();
  for (const [name, service] of Object.entries(context.services)) {
    const listening = listeningPorts(context, name);
    for (const { host, container } of portsOf(record(service))) {
      if (!listening.includes(container)) {
        errors.push(`service "${name}" publishes container port ${container}, but listens on ${listening.join(', ') || 'nothing'}`);
      }
      if (host === undefined) continue;
      const previous = hostPorts.get(host);
      if (previous !== undefined) errors.push(`host port ${host} is published by both "${previous}" and "${name}"`);
      hostPorts.set(host, name);
      if (OTLP_PORTS.includes(host) && backendOf(record(service)) !== 'collector') {
        errors.push(`service "${name}" publishes ${host}; only the collector may publish the OTLP ports 4317/4318`);
      }
    }
  }
  const [collector] = servicesRunning(context, 'collector');
  for (const port of OTLP_PORTS) {
    if (collector !== undefined && hostPorts.get(port) !== collector) {
      errors.push(`the collector must publish ${port} to the host`);
    }
  }
  return errors;
}

function collectorConfig(context: CheckContext, service: Json): Json | undefined {
  return configFile(context, service, COLLECTOR_CONFIG_FLAG);
}

/** The parsed docker/ file that the service's `<flag>=<path>` names through a bind mount. */
function configFile(context: CheckContext, service: Json, flag: string): Json | undefined {
  const path = flagValue(service, flag);
  const file = path === undefined ? undefined : hostPathFor(service, path);
  return file === undefined ? undefined : record(context.setup.files[file]);
}

/** Native runs override endpoints through the environment; compose sets no variable, so each needs a default. */
function checkEnvDefaults({ setup }: CheckContext): string[] {
  const errors: string[] = [];
  for (const [file, content] of Object.entries(setup.files)) {
    if (!/\.ya?ml$/.test(file) || file.startsWith(NATIVE_DIR)) continue;
    for (const value of stringsIn(content)) {
      for (const match of value.matchAll(ENV_REFERENCE)) {
        if (match[2] === undefined)
          errors.push(`docker/${file}: ${match[0]} has no default (write \${env:${match[1]}:-value}); compose sets no variables`);
      }
    }
  }
  return errors;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(stringsIn);
}

function checkJaeger(context: CheckContext): string[] {
  const [name] = servicesRunning(context, 'jaeger');
  if (name === undefined) return [];
  const service = record(context.services[name]);
  if (service.command === undefined) return [];
  const config = configFile(context, service, JAEGER_CONFIG_FLAG);
  if (config === undefined) return [`jaeger: ${JAEGER_CONFIG_FLAG}=<path> must name a file mounted from docker/`];
  const errors: string[] = [];
  for (const { protocol, endpoint } of otlpProtocolEndpoints(record(config.receivers).otlp)) {
    if (parseEndpoint(endpoint)?.host !== '0.0.0.0') {
      errors.push(`jaeger receiver otlp/${protocol} must listen on 0.0.0.0 inside its container, got "${String(composeValue(endpoint))}"`);
    }
  }
  const query = record(record(config.extensions).jaeger_query);
  const http = parseEndpoint(record(query.http).endpoint);
  if (http !== undefined && http.host !== '0.0.0.0') {
    errors.push(`jaeger_query.http must listen on 0.0.0.0 inside its container, got "${http.host}:${http.port}"`);
  }
  const uiConfig = composeValue(record(query.ui).config_file);
  if (typeof uiConfig !== 'string' || hostPathFor(service, uiConfig) === undefined) {
    errors.push(`jaeger_query.ui.config_file "${String(uiConfig)}" is not a file mounted from docker/`);
  } else if (!((hostPathFor(service, uiConfig) as string) in context.setup.files)) {
    errors.push(`jaeger_query.ui.config_file mounts "${hostPathFor(service, uiConfig)}", which does not exist under docker/`);
  }
  return errors;
}

function checkCollector(context: CheckContext): string[] {
  const [name] = servicesRunning(context, 'collector');
  if (name === undefined) return [];
  const service = record(context.services[name]);
  const config = collectorConfig(context, service);
  if (config === undefined) {
    return [`collector: ${COLLECTOR_CONFIG_FLAG}=<path> must name a file mounted from docker/`];
  }
  const errors: string[] = [];
  for (const { protocol, endpoint } of otlpProtocolEndpoints(record(config.receivers).otlp)) {
    if (parseEndpoint(endpoint)?.host !== '0.0.0.0') {
      errors.push(`collector receiver otlp/${protocol} must listen on 0.0.0.0 inside its container, got "${String(endpoint)}"`);
    }
  }
  const used = new Set<string>();
  const exportedTo = new Set<string>();
  const metricsExportedTo = new Set<string>();
  for (const [pipelineName, pipeline] of Object.entries(record(record(config.service).pipelines))) {
    for (const section of ['receivers', 'processors', 'exporters'] as const) {
      const ids = list(record(pipeline)[section]).map(String);
      if (section !== 'processors' && ids.length === 0) errors.push(`collector pipeline "${pipelineName}" has no ${section}`);
      for (const id of ids) {
        if (!(id in record(config[section]))) {
          errors.push(`collector pipeline "${pipelineName}" uses ${section.slice(0, -1)} "${id}", which is not defined`);
        }
        if (section === 'exporters') used.add(id);
        const host = parseEndpoint(record(record(config.exporters)[id]).endpoint)?.host;
        if (section === 'exporters' && pipelineName.split('/')[0] === 'traces' && host !== undefined) exportedTo.add(host);
        if (section === 'exporters' && pipelineName.split('/')[0] === 'metrics' && host !== undefined) metricsExportedTo.add(host);
      }
    }
  }
  for (const [id, exporter] of Object.entries(record(config.exporters))) {
    errors.push(...checkExporter(context, id, record(exporter)));
    if (!used.has(id)) errors.push(`collector exporter "${id}" is defined but no pipeline uses it`);
  }
  for (const backend of ['jaeger', 'tempo'] as const) {
    for (const target of servicesRunning(context, backend)) {
      if (!exportedTo.has(target)) errors.push(`no collector traces pipeline exports to ${backend} (service "${target}")`);
    }
  }
  for (const target of servicesRunning(context, 'prometheus')) {
    if (!metricsExportedTo.has(target)) errors.push(`no collector metrics pipeline exports to prometheus (service "${target}")`);
  }
  return errors;
}

function checkExporter(context: CheckContext, id: string, exporter: Json): string[] {
  const type = id.split('/')[0] ?? '';
  if (type === 'otlp' || type === 'otlphttp') {
    return [`collector exporter "${id}" uses the deprecated type "${type}"; use otlp_grpc or otlp_http`];
  }
  if (type !== 'otlp_grpc' && type !== 'otlp_http') return [];
  const errors: string[] = [];
  const endpoint = parseEndpoint(exporter.endpoint);
  if (endpoint === undefined) return [`collector exporter "${id}" has no host:port endpoint`];
  if (!(endpoint.host in context.services)) {
    errors.push(`collector exporter "${id}" sends to "${endpoint.host}", which is not a service`);
  } else {
    const listening = listeningPorts(context, endpoint.host);
    if (!listening.includes(endpoint.port)) {
      errors.push(
        `collector exporter "${id}" sends to ${endpoint.host}:${endpoint.port}, but ${endpoint.host} listens on ${listening.join(', ') || 'nothing'}`,
      );
    }
  }
  if (backendOf(record(context.services[endpoint.host])) === 'prometheus') {
    const url = String(composeValue(exporter.endpoint));
    if (type !== 'otlp_http')
      errors.push(`collector exporter "${id}" sends to Prometheus, whose OTLP receiver is HTTP only: use otlp_http`);
    else if (!/^https?:\/\//.test(url) || new URL(url).pathname.replace(/\/$/, '') !== PROMETHEUS_OTLP_PATH) {
      errors.push(`collector exporter "${id}" must send to http://${endpoint.host}:${endpoint.port}${PROMETHEUS_OTLP_PATH}, got "${url}"`);
    }
  }
  if (type === 'otlp_grpc' && record(exporter.tls).insecure !== true) {
    errors.push(`collector exporter "${id}" needs tls.insecure: true (the backends serve plain gRPC inside the network)`);
  }
  return errors;
}

function tempoConfig(context: CheckContext, service: Json): Json | undefined {
  const path = flagValue(service, TEMPO_CONFIG_FLAG);
  const file = path === undefined ? undefined : hostPathFor(service, path);
  return file === undefined ? undefined : record(context.setup.files[file]);
}

function checkTempo(context: CheckContext): string[] {
  const [name] = servicesRunning(context, 'tempo');
  if (name === undefined) return [];
  const service = record(context.services[name]);
  const config = tempoConfig(context, service);
  if (config === undefined) return [`tempo: ${TEMPO_CONFIG_FLAG}=<path> must name a file mounted from docker/`];
  const errors: string[] = [];
  const usesEnv = stringsIn(config).some((value) => value.match(ENV_REFERENCE) !== null);
  if (usesEnv && flagValue(service, TEMPO_EXPAND_ENV_FLAG) !== 'true') {
    errors.push(`tempo: its config uses \${NAME:-default}, which Tempo expands only with ${TEMPO_EXPAND_ENV_FLAG}=true`);
  }
  const protocols = otlpProtocolEndpoints(record(record(config.distributor).receivers).otlp);
  if (protocols.length === 0) errors.push('tempo has no OTLP receiver under distributor.receivers.otlp.protocols');
  for (const { protocol, endpoint } of protocols) {
    if (parseEndpoint(endpoint)?.host !== '0.0.0.0') {
      errors.push(
        `tempo receiver otlp/${protocol} must bind 0.0.0.0 (since Tempo 2.7 it binds localhost by default), got "${String(endpoint ?? '')}"`,
      );
    }
  }
  const volumeTargets = mountsOf(service)
    .filter((mount) => mount.kind === 'volume')
    .map((mount) => mount.target);
  const trace = record(record(config.storage).trace);
  for (const [key, path] of [
    ['storage.trace.wal.path', composeValue(record(trace.wal).path)],
    ['storage.trace.local.path', composeValue(record(trace.local).path)],
  ] as const) {
    if (typeof path !== 'string' || !volumeTargets.some((target) => path === target || path.startsWith(`${target}/`))) {
      errors.push(`tempo ${key} "${String(path)}" is not on a mounted volume (${volumeTargets.join(', ') || 'none'})`);
    }
  }
  return errors;
}

function checkGrafana(context: CheckContext): string[] {
  const [name] = servicesRunning(context, 'grafana');
  if (name === undefined) return [];
  const service = record(context.services[name]);
  const provisioned = mountsOf(service)
    .filter(
      (mount) =>
        mount.kind === 'bind' && (mount.target === GRAFANA_DATASOURCES_DIR || mount.target.startsWith(`${GRAFANA_DATASOURCES_DIR}/`)),
    )
    .flatMap((mount) => filesAt(context.setup, mount.source));
  const datasources = provisioned.flatMap((file) => list(record(context.setup.files[file]).datasources).map(record));
  if (datasources.length === 0) return [`grafana has no datasources provisioned under ${GRAFANA_DATASOURCES_DIR}`];
  const errors: string[] = [];
  for (const datasource of datasources) {
    const label = `grafana datasource "${String(datasource.name)}"`;
    const endpoint = parseEndpoint(datasource.url);
    if (endpoint === undefined || !(endpoint.host in context.services)) {
      errors.push(`${label} points at "${String(datasource.url)}", which is not a service`);
      continue;
    }
    const listening = listeningPorts(context, endpoint.host);
    if (!listening.includes(endpoint.port)) {
      errors.push(
        `${label} points at ${endpoint.host}:${endpoint.port}, but ${endpoint.host} listens on ${listening.join(', ') || 'nothing'}`,
      );
    }
    const expected =
      datasource.type === 'tempo' || datasource.type === 'jaeger' || datasource.type === 'prometheus' ? datasource.type : undefined;
    if (expected !== undefined && backendOf(record(context.services[endpoint.host])) !== expected) {
      errors.push(`${label} of type ${expected} points at "${endpoint.host}", which does not run ${expected}`);
    }
  }
  for (const type of ['tempo', 'jaeger', 'prometheus']) {
    if (!datasources.some((datasource) => datasource.type === type)) errors.push(`grafana has no ${type} datasource`);
  }
  return errors;
}

function checkPrometheus(context: CheckContext): string[] {
  const [name] = servicesRunning(context, 'prometheus');
  if (name === undefined) return [];
  const service = record(context.services[name]);
  const errors: string[] = [];
  const args = Array.isArray(service.command) ? service.command.map(String) : String(service.command ?? '').split(/\s+/);
  if (!args.includes(PROMETHEUS_OTLP_FLAG)) {
    errors.push(`prometheus: the Collector pushes OTLP, which Prometheus accepts only with ${PROMETHEUS_OTLP_FLAG}`);
  }
  const config = configFile(context, service, PROMETHEUS_CONFIG_FLAG);
  if (config === undefined) return [...errors, `prometheus: ${PROMETHEUS_CONFIG_FLAG}=<path> must name a file mounted from docker/`];
  const strategy = record(config.otlp).translation_strategy;
  if (strategy !== PROMETHEUS_TRANSLATION) {
    errors.push(
      `prometheus otlp.translation_strategy must be ${PROMETHEUS_TRANSLATION} (the dashboard's metric names), got "${String(strategy)}"`,
    );
  }
  return errors;
}

/** The dashboards Grafana's file providers load: provider path → bind mount → JSON files under docker/. */
function checkDashboards(context: CheckContext): string[] {
  const [name] = servicesRunning(context, 'grafana');
  if (name === undefined) return [];
  const service = record(context.services[name]);
  const providerFiles = mountsOf(service)
    .filter(
      (mount) =>
        mount.kind === 'bind' && (mount.target === GRAFANA_DASHBOARDS_DIR || mount.target.startsWith(`${GRAFANA_DASHBOARDS_DIR}/`)),
    )
    .flatMap((mount) => filesAt(context.setup, mount.source));
  const providers = providerFiles.flatMap((file) => list(record(context.setup.files[file]).providers).map(record));
  if (providers.length === 0) return [`grafana has no dashboard provider provisioned under ${GRAFANA_DASHBOARDS_DIR}`];
  const errors: string[] = [];
  const dashboards: Array<[string, Json]> = [];
  for (const provider of providers) {
    const path = String(record(provider.options).path ?? '');
    const hostPath = hostPathFor(service, path);
    const files = hostPath === undefined ? [] : filesAt(context.setup, hostPath).filter((file) => file.endsWith('.json'));
    if (files.length === 0) {
      errors.push(`grafana dashboard provider "${String(provider.name)}" reads "${path}", where no dashboard JSON from docker/ is mounted`);
    }
    for (const file of files) {
      try {
        dashboards.push([file, record(JSON.parse(String(context.setup.files[file])))]);
      } catch (error) {
        errors.push(`docker/${file} is not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  const datasourceUids = new Set(
    mountsOf(service)
      .filter((mount) => mount.kind === 'bind' && mount.target.startsWith(GRAFANA_DATASOURCES_DIR))
      .flatMap((mount) => filesAt(context.setup, mount.source))
      .flatMap((file) => list(record(context.setup.files[file]).datasources).map((datasource) => String(record(datasource).uid))),
  );
  const known = new Set([...TOOLTRACE_METRICS.flatMap(prometheusSeries), ...TOOLTRACE_METRIC_ATTRIBUTES.map(prometheusLabel), 'le']);
  const exprs: string[] = [];
  for (const [file, dashboard] of dashboards) {
    if (typeof dashboard.uid !== 'string' || dashboard.uid === '') errors.push(`docker/${file}: the dashboard needs a fixed uid`);
    for (const panel of list(dashboard.panels).map(record)) {
      const label = `docker/${file} panel "${String(panel.title)}"`;
      for (const target of [panel, ...list(panel.targets).map(record)]) {
        const uid = record(target.datasource).uid;
        if (target.datasource !== undefined && !datasourceUids.has(String(uid))) {
          errors.push(`${label} uses datasource uid "${String(uid)}", which is not provisioned`);
        }
      }
      for (const target of list(panel.targets).map(record)) {
        const expr = String(target.expr ?? '');
        exprs.push(expr);
        for (const [identifier] of expr.matchAll(/\b(?:gen_ai|tooltrace|error)_[A-Za-z0-9_]*/g)) {
          if (!known.has(identifier)) errors.push(`${label} queries "${identifier}", which Prometheus does not store for tooltrace`);
        }
      }
    }
  }
  const toolDuration = prometheusSeries(TOOLTRACE_METRICS[0] as (typeof TOOLTRACE_METRICS)[number]);
  const byTool = /\bby \(([^)]*\b)?gen_ai_tool_name\b/;
  if (!exprs.some((expr) => expr.includes('histogram_quantile(') && expr.includes(toolDuration[0] as string) && byTool.test(expr))) {
    errors.push(`no dashboard panel shows per-tool latency (histogram_quantile over ${toolDuration[0]} by gen_ai_tool_name)`);
  }
  if (!exprs.some((expr) => expr.includes(`${toolDuration[2]}{error_type`) && byTool.test(expr) && expr.includes(' / '))) {
    errors.push(`no dashboard panel shows a per-tool error rate (${toolDuration[2]} with error_type over all, by gen_ai_tool_name)`);
  }
  return [...new Set(errors)];
}

function checkReadme(context: CheckContext): string[] {
  const readme = context.setup.files['README.md'];
  if (typeof readme !== 'string') return ['docker/README.md is missing'];
  const errors: string[] = [];
  if (!readme.includes('docker compose -f docker/compose.yaml up -d')) {
    errors.push('docker/README.md must show the command: docker compose -f docker/compose.yaml up -d');
  }
  const published = new Set(Object.values(context.services).flatMap((service) => portsOf(record(service)).map((port) => port.host)));
  for (const match of readme.matchAll(/localhost:(\d+)/g)) {
    if (!published.has(Number(match[1]))) errors.push(`docker/README.md mentions localhost:${match[1]}, which no service publishes`);
  }
  return errors;
}
