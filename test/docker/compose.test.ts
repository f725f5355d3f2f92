import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDockerSetup, prometheusLabel, prometheusSeries, TOOLTRACE_METRICS } from './docker-checks.js';
import { type DockerSetup, loadDockerSetup } from './docker-setup.js';

const dockerDir = fileURLToPath(new URL('../../docker/', import.meta.url));
const setup = loadDockerSetup(dockerDir);

// biome-ignore lint/suspicious/noExplicitAny: test mutations reach into parsed YAML documents.
type Files = Record<string, any>;

/** Runs the checker on a copy of the real files broken by `mutate`. */
function checkBroken(mutate: (files: Files) => void): string[] {
  const copy: DockerSetup = structuredClone(setup);
  mutate(copy.files as Files);
  return checkDockerSetup(copy);
}

const compose = (files: Files) => files['compose.yaml'];
const collector = (files: Files) => files['collector.yaml'];
const tempo = (files: Files) => files['tempo.yaml'];
const jaeger = (files: Files) => files['jaeger.yaml'];
/** `${env:NAME:-fallback}` as the Collector and Jaeger read it. */
const envRef = (name: string, fallback?: string) => `\${env:${name}${fallback === undefined ? '' : `:-${fallback}`}}`;
const datasources = (files: Files) => files['grafana/provisioning/datasources/datasources.yaml'].datasources;
const prometheus = (files: Files) => files['prometheus.yaml'];
const DASHBOARD = 'grafana/dashboards/tooltrace-tools.json';
/** Edits the dashboard JSON (kept as text by the loader, as Grafana reads it). */
const editDashboard = (files: Files, edit: (dashboard: Files) => void) => {
  const dashboard = JSON.parse(files[DASHBOARD]);
  edit(dashboard);
  files[DASHBOARD] = JSON.stringify(dashboard);
};
/** The expression of the dashboard panel titled `title`. */
const panelExpr = (dashboard: Files, title: string): Files => dashboard.panels.find((panel: Files) => panel.title === title).targets[0];

describe('docker/', () => {
  it('parses every file, and they agree with each other', () => {
    expect(Object.keys(setup.files).sort()).toEqual(
      expect.arrayContaining([
        'README.md',
        'collector.yaml',
        'compose.yaml',
        'grafana/provisioning/datasources/datasources.yaml',
        'jaeger-ui.json',
        'jaeger.yaml',
        'native/collector-builder.yaml',
        'native/jaeger/go.mod',
        'tempo.yaml',
        'prometheus.yaml',
        'grafana/provisioning/dashboards/dashboards.yaml',
        DASHBOARD,
      ]),
    );
    expect(checkDockerSetup(setup)).toEqual([]);
  });

  it('pins the versions the issue asks for', () => {
    const services: Record<string, Files> = compose(setup.files as Files).services;
    const images = Object.values(services).map((service) => service.image);
    expect(images).toEqual(
      expect.arrayContaining([
        'jaegertracing/jaeger:2.13.0',
        'grafana/tempo:3.0.3',
        'grafana/grafana:13.1.3',
        expect.stringMatching(/^prom\/prometheus:v3\.\d+\.\d+$/),
        expect.stringMatching(/^otel\/opentelemetry-collector-contrib:0\.(1[5-9]\d|14[89])\.\d+$/),
      ]),
    );
  });

  it('lists the metrics of docs/semantic-conventions.md (Metrics), which the dashboard check derives names from', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/semantic-conventions.md', import.meta.url)), 'utf8');
    const section = doc.slice(doc.indexOf('\n## Metrics'), doc.indexOf('\n## ', doc.indexOf('\n## Metrics') + 1));
    const rows = [...section.matchAll(/^\| `([a-z_.]+)` \| (histogram|counter) \(`([^`]+)`\)/gm)].map(([, name, kind, unit]) => ({
      name,
      kind,
      unit,
    }));
    expect(rows.length).toBeGreaterThan(0);
    expect(TOOLTRACE_METRICS).toEqual(rows);
  });

  it('derives the Prometheus names of OTLP metrics the way Prometheus 3 translates them', () => {
    expect(prometheusSeries({ name: 'gen_ai.execute_tool.duration', kind: 'histogram', unit: 's' })).toEqual([
      'gen_ai_execute_tool_duration_seconds_bucket',
      'gen_ai_execute_tool_duration_seconds_sum',
      'gen_ai_execute_tool_duration_seconds_count',
    ]);
    expect(prometheusSeries({ name: 'tooltrace.steps', kind: 'counter', unit: '{step}' })).toEqual(['tooltrace_steps_total']);
    expect(prometheusLabel('gen_ai.tool.name')).toBe('gen_ai_tool_name');
  });

  it('reports a file that is not valid YAML, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tooltrace-docker-'));
    try {
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a: [unclosed\n');
      expect(() => loadDockerSetup(dir)).toThrow(/docker\/compose\.yaml is not valid YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the checker catches each kind of disagreement', () => {
  const cases: Array<[string, (files: Files) => void, string]> = [
    // Images.
    [
      'an image on latest',
      (f) => {
        compose(f).services.grafana.image = 'grafana/grafana:latest';
      },
      'service "grafana": image "grafana/grafana:latest" must be pinned to a version tag (not latest)',
    ],
    [
      'an image without a tag',
      (f) => {
        compose(f).services.collector.image = 'otel/opentelemetry-collector-contrib';
      },
      'service "collector": image "otel/opentelemetry-collector-contrib" must be pinned',
    ],
    [
      'one image at two versions',
      (f) => {
        compose(f).services['tempo-init'].image = 'grafana/tempo:2.9.0';
      },
      'image grafana/tempo is pinned to different tags: 2.9.0, 3.0.3',
    ],
    // Service names.
    [
      'a missing backend',
      (f) => {
        delete compose(f).services.jaeger;
      },
      'compose.yaml must run exactly one jaeger service',
    ],
    [
      'depends_on an unknown service',
      (f) => {
        compose(f).services.collector.depends_on = ['jaeger', 'zipkin'];
      },
      'service "collector" depends on "zipkin", which is not defined',
    ],
    // Mounts.
    [
      'a mounted file that does not exist',
      (f) => {
        compose(f).services.collector.volumes = ['./otel.yaml:/etc/otelcol-contrib/config.yaml:ro'];
      },
      'service "collector" mounts "otel.yaml", which does not exist under docker/',
    ],
    [
      'an undeclared named volume',
      (f) => {
        delete compose(f).volumes;
      },
      'service "tempo" mounts volume "tempo-data", which is not declared under volumes',
    ],
    [
      'a config file nobody mounts',
      (f) => {
        f['loki.yaml'] = { server: {} };
      },
      'docker/loki.yaml is not mounted by any service',
    ],
    // Ports.
    [
      'a backend publishing an OTLP port',
      (f) => {
        compose(f).services.jaeger.ports.push('4317:4317');
      },
      'service "jaeger" publishes 4317; only the collector may publish the OTLP ports 4317/4318',
    ],
    [
      'the collector not publishing OTLP/HTTP',
      (f) => {
        compose(f).services.collector.ports = ['4317:4317'];
      },
      'the collector must publish 4318 to the host',
    ],
    [
      'a host port published twice',
      (f) => {
        compose(f).services.grafana.ports = ['3200:3000'];
      },
      'host port 3200 is published by both "tempo" and "grafana"',
    ],
    [
      'a published port nothing listens on',
      (f) => {
        compose(f).services.tempo.ports = ['3200:3100'];
      },
      'service "tempo" publishes container port 3100, but listens on 3200, 4317, 4318',
    ],
    // Collector.
    [
      'a collector config path that is not mounted',
      (f) => {
        compose(f).services.collector.command = ['--config=/etc/otelcol/config.yaml'];
      },
      'collector: --config=<path> must name a file mounted from docker/',
    ],
    [
      'a collector receiver on localhost',
      (f) => {
        collector(f).receivers.otlp.protocols.http.endpoint = 'localhost:4318';
      },
      'collector receiver otlp/http must listen on 0.0.0.0 inside its container, got "localhost:4318"',
    ],
    [
      'a pipeline naming an undefined receiver',
      (f) => {
        collector(f).service.pipelines.traces.receivers = ['zipkin'];
      },
      'collector pipeline "traces" uses receiver "zipkin", which is not defined',
    ],
    [
      'a pipeline naming an undefined processor',
      (f) => {
        collector(f).service.pipelines.traces.processors = ['memory_limiter'];
      },
      'collector pipeline "traces" uses processor "memory_limiter", which is not defined',
    ],
    [
      'a pipeline naming an undefined exporter',
      (f) => {
        collector(f).service.pipelines.traces.exporters.push('otlp_grpc/zipkin');
      },
      'collector pipeline "traces" uses exporter "otlp_grpc/zipkin", which is not defined',
    ],
    [
      'a pipeline without exporters',
      (f) => {
        collector(f).service.pipelines.traces.exporters = [];
      },
      'collector pipeline "traces" has no exporters',
    ],
    [
      'an exporter to an unknown service',
      (f) => {
        collector(f).exporters['otlp_grpc/tempo'].endpoint = 'tempo-server:4317';
      },
      'collector exporter "otlp_grpc/tempo" sends to "tempo-server", which is not a service',
    ],
    [
      'an exporter to a port the backend does not listen on',
      (f) => {
        collector(f).exporters['otlp_grpc/jaeger'].endpoint = 'jaeger:14250';
      },
      'collector exporter "otlp_grpc/jaeger" sends to jaeger:14250, but jaeger listens on 4317, 4318, 16686',
    ],
    [
      'an exporter without tls.insecure',
      (f) => {
        delete collector(f).exporters['otlp_grpc/jaeger'].tls;
      },
      'collector exporter "otlp_grpc/jaeger" needs tls.insecure: true',
    ],
    [
      'the deprecated otlp exporter type',
      (f) => {
        const config = collector(f);
        config.exporters['otlp/jaeger'] = config.exporters['otlp_grpc/jaeger'];
        delete config.exporters['otlp_grpc/jaeger'];
        config.service.pipelines.traces.exporters = ['otlp/jaeger', 'otlp_grpc/tempo'];
      },
      'collector exporter "otlp/jaeger" uses the deprecated type "otlp"; use otlp_grpc or otlp_http',
    ],
    [
      'an exporter no pipeline uses',
      (f) => {
        collector(f).service.pipelines.traces.exporters = ['otlp_grpc/tempo'];
      },
      'collector exporter "otlp_grpc/jaeger" is defined but no pipeline uses it',
    ],
    [
      'a fan-out that misses a backend',
      (f) => {
        collector(f).exporters['otlp_grpc/jaeger'].endpoint = 'tempo:4317';
      },
      'no collector traces pipeline exports to jaeger (service "jaeger")',
    ],
    [
      'no metrics pipeline',
      (f) => {
        delete collector(f).service.pipelines.metrics;
      },
      'no collector metrics pipeline exports to prometheus (service "prometheus")',
    ],
    [
      'metrics sent to Prometheus over gRPC',
      (f) => {
        const config = collector(f);
        config.exporters['otlp_grpc/prometheus'] = { endpoint: 'prometheus:9090', tls: { insecure: true } };
        delete config.exporters['otlp_http/prometheus'];
        config.service.pipelines.metrics.exporters = ['otlp_grpc/prometheus'];
      },
      'collector exporter "otlp_grpc/prometheus" sends to Prometheus, whose OTLP receiver is HTTP only: use otlp_http',
    ],
    [
      'metrics sent to Prometheus outside its OTLP path',
      (f) => {
        collector(f).exporters['otlp_http/prometheus'].endpoint = envRef('COLLECTOR_PROMETHEUS_OTLP_ENDPOINT', 'http://prometheus:9090');
      },
      'collector exporter "otlp_http/prometheus" must send to http://prometheus:9090/api/v1/otlp, got "http://prometheus:9090"',
    ],
    [
      'metrics sent to a port Prometheus does not listen on',
      (f) => {
        collector(f).exporters['otlp_http/prometheus'].endpoint = 'http://prometheus:9091/api/v1/otlp';
      },
      'collector exporter "otlp_http/prometheus" sends to prometheus:9091, but prometheus listens on 9090',
    ],
    // Prometheus.
    [
      'prometheus without its OTLP receiver',
      (f) => {
        compose(f).services.prometheus.command = ['--config.file=/etc/prometheus/prometheus.yml'];
      },
      'prometheus: the Collector pushes OTLP, which Prometheus accepts only with --web.enable-otlp-receiver',
    ],
    [
      'prometheus translating names another way than the dashboard expects',
      (f) => {
        prometheus(f).otlp.translation_strategy = 'NoUTF8EscapingWithSuffixes';
      },
      'prometheus otlp.translation_strategy must be UnderscoreEscapingWithSuffixes (the dashboard\'s metric names), got "NoUTF8EscapingWithSuffixes"',
    ],
    [
      'a prometheus config path that is not mounted',
      (f) => {
        compose(f).services.prometheus.command = ['--config.file=/etc/prometheus/other.yml', '--web.enable-otlp-receiver'];
      },
      'prometheus: --config.file=<path> must name a file mounted from docker/',
    ],
    // Native runs: environment-overridable endpoints.
    [
      'an environment reference without a default',
      (f) => {
        collector(f).exporters['otlp_grpc/jaeger'].endpoint = envRef('JAEGER_ENDPOINT');
      },
      `docker/collector.yaml: ${envRef('JAEGER_ENDPOINT')} has no default (write ${envRef('JAEGER_ENDPOINT', 'value')}); compose sets no variables`,
    ],
    [
      'a default that binds localhost inside the container',
      (f) => {
        collector(f).receivers.otlp.protocols.http.endpoint = envRef('COLLECTOR_OTLP_HTTP_ENDPOINT', 'localhost:4318');
      },
      'collector receiver otlp/http must listen on 0.0.0.0 inside its container',
    ],
    // Jaeger.
    [
      'a jaeger config path that is not mounted',
      (f) => {
        compose(f).services.jaeger.command = ['--config=/etc/jaeger/jaeger.yaml'];
      },
      'jaeger: --config=<path> must name a file mounted from docker/',
    ],
    [
      'a jaeger OTLP receiver on localhost',
      (f) => {
        jaeger(f).receivers.otlp.protocols.grpc.endpoint = envRef('JAEGER_OTLP_GRPC_ENDPOINT', 'localhost:4317');
      },
      'jaeger receiver otlp/grpc must listen on 0.0.0.0 inside its container, got "localhost:4317"',
    ],
    [
      'the Jaeger UI config not mounted',
      (f) => {
        compose(f).services.jaeger.volumes = ['./jaeger.yaml:/etc/jaeger/config.yaml:ro'];
      },
      'jaeger_query.ui.config_file "/etc/jaeger/ui-config.json" is not a file mounted from docker/',
    ],
    [
      'the Jaeger UI on another port than the one published',
      (f) => {
        jaeger(f).extensions.jaeger_query.http.endpoint = envRef('JAEGER_QUERY_HTTP_ENDPOINT', '0.0.0.0:16687');
      },
      'service "jaeger" publishes container port 16686, but listens on 4317, 4318, 16687, 16685',
    ],
    // Tempo.
    [
      'a tempo receiver left on its localhost default',
      (f) => {
        tempo(f).distributor.receivers.otlp.protocols.grpc = null;
      },
      'tempo receiver otlp/grpc must bind 0.0.0.0 (since Tempo 2.7 it binds localhost by default), got ""',
    ],
    [
      'a tempo storage path off the volume',
      (f) => {
        tempo(f).storage.trace.wal.path = '/tmp/tempo/wal';
      },
      'tempo storage.trace.wal.path "/tmp/tempo/wal" is not on a mounted volume (/var/tempo)',
    ],
    [
      'tempo variables without -config.expand-env',
      (f) => {
        compose(f).services.tempo.command = ['-target=all', '-config.file=/etc/tempo.yaml'];
      },
      `tempo: its config uses \${NAME:-default}, which Tempo expands only with -config.expand-env=true`,
    ],
    [
      'a tempo config path that is not mounted',
      (f) => {
        compose(f).services.tempo.command = ['-target=all', '-config.file=/etc/tempo/tempo.yaml'];
      },
      'tempo: -config.file=<path> must name a file mounted from docker/',
    ],
    [
      'tempo moved to another HTTP port',
      (f) => {
        tempo(f).server.http_listen_port = 3100;
      },
      'grafana datasource "Tempo" points at tempo:3200, but tempo listens on 3100, 4317, 4318',
    ],
    // Grafana.
    [
      'a datasource on the wrong port',
      (f) => {
        datasources(f)[1].url = 'http://jaeger:16687';
      },
      'grafana datasource "Jaeger" points at jaeger:16687, but jaeger listens on 4317, 4318, 16686',
    ],
    [
      'a datasource pointing outside the compose network',
      (f) => {
        datasources(f)[0].url = 'http://localhost:3200';
      },
      'grafana datasource "Tempo" points at "http://localhost:3200", which is not a service',
    ],
    [
      'a datasource pointing at the wrong backend',
      (f) => {
        datasources(f)[0].url = 'http://jaeger:16686';
      },
      'grafana datasource "Tempo" of type tempo points at "jaeger", which does not run tempo',
    ],
    [
      'a missing jaeger datasource',
      (f) => {
        f['grafana/provisioning/datasources/datasources.yaml'].datasources = datasources(f).filter(
          (datasource: Files) => datasource.type !== 'jaeger',
        );
      },
      'grafana has no jaeger datasource',
    ],
    [
      'datasources not mounted into grafana',
      (f) => {
        compose(f).services.grafana.volumes = [];
      },
      'grafana has no datasources provisioned under /etc/grafana/provisioning/datasources',
    ],
    [
      'a missing prometheus datasource',
      (f) => {
        f['grafana/provisioning/datasources/datasources.yaml'].datasources = datasources(f).filter(
          (datasource: Files) => datasource.type !== 'prometheus',
        );
      },
      'grafana has no prometheus datasource',
    ],
    // Grafana dashboards.
    [
      'dashboard providers not mounted into grafana',
      (f) => {
        compose(f).services.grafana.volumes = compose(f).services.grafana.volumes.filter(
          (volume: string) => !volume.includes('/etc/grafana/provisioning/dashboards'),
        );
      },
      'grafana has no dashboard provider provisioned under /etc/grafana/provisioning/dashboards',
    ],
    [
      'a dashboard provider reading a path nothing is mounted at',
      (f) => {
        f['grafana/provisioning/dashboards/dashboards.yaml'].providers[0].options.path = '/var/lib/grafana/dashboards';
      },
      'grafana dashboard provider "tooltrace" reads "/var/lib/grafana/dashboards", where no dashboard JSON from docker/ is mounted',
    ],
    [
      'a dashboard that is not valid JSON',
      (f) => {
        f[DASHBOARD] = '{"panels": [';
      },
      `docker/${DASHBOARD} is not valid JSON`,
    ],
    [
      'a panel on a datasource that is not provisioned',
      (f) => {
        editDashboard(f, (dashboard) => {
          dashboard.panels[0].datasource = { type: 'prometheus', uid: 'mimir' };
        });
      },
      `docker/${DASHBOARD} panel "Tool latency p50 by tool" uses datasource uid "mimir", which is not provisioned`,
    ],
    [
      'a query on a metric name Prometheus does not store (no unit suffix)',
      (f) => {
        editDashboard(f, (dashboard) => {
          const target = panelExpr(dashboard, 'Tool latency p95 by tool');
          target.expr = target.expr.replace('_seconds_bucket', '_bucket');
        });
      },
      `docker/${DASHBOARD} panel "Tool latency p95 by tool" queries "gen_ai_execute_tool_duration_bucket", which Prometheus does not store for tooltrace`,
    ],
    [
      'a query on a dotted label',
      (f) => {
        editDashboard(f, (dashboard) => {
          const target = panelExpr(dashboard, 'Tool error rate by tool');
          target.expr = target.expr.replaceAll('error_type', 'error_kind');
        });
      },
      `docker/${DASHBOARD} panel "Tool error rate by tool" queries "error_kind", which Prometheus does not store for tooltrace`,
    ],
    [
      'no per-tool latency panel',
      (f) => {
        editDashboard(f, (dashboard) => {
          dashboard.panels = dashboard.panels.filter((panel: Files) => !panel.title.startsWith('Tool latency'));
        });
      },
      'no dashboard panel shows per-tool latency (histogram_quantile over gen_ai_execute_tool_duration_seconds_bucket by gen_ai_tool_name)',
    ],
    [
      'an error rate not split by tool',
      (f) => {
        editDashboard(f, (dashboard) => {
          const target = panelExpr(dashboard, 'Tool error rate by tool');
          target.expr = target.expr.replaceAll('sum by (gen_ai_tool_name) ', 'sum ');
        });
      },
      'no dashboard panel shows a per-tool error rate',
    ],
    // README.
    [
      'a README without the one command',
      (f) => {
        f['README.md'] = '# backends\n';
      },
      'docker/README.md must show the command: docker compose -f docker/compose.yaml up -d',
    ],
    [
      'a README pointing at an unpublished port',
      (f) => {
        f['README.md'] += '\nZipkin: http://localhost:9411\n';
      },
      'docker/README.md mentions localhost:9411, which no service publishes',
    ],
  ];

  it.each(cases)('%s', (_, mutate, expected) => {
    expect(checkBroken(mutate)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});
