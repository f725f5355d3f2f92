import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { parse } from 'yaml';

/** Every file under docker/, by posix path relative to it: YAML parsed, anything else as text. */
export interface DockerSetup {
  files: Record<string, unknown>;
}

/** Reads and parses every file under `dir`; a YAML syntax error throws, naming the file. */
export function loadDockerSetup(dir: string): DockerSetup {
  const files: Record<string, unknown> = {};
  for (const path of listFiles(dir)) {
    const name = relative(dir, path).split(sep).join(posix.sep);
    const text = readFileSync(path, 'utf8');
    if (!/\.ya?ml$/.test(name)) {
      files[name] = text;
      continue;
    }
    try {
      files[name] = parse(text);
    } catch (error) {
      throw new Error(`docker/${name} is not valid YAML: ${(error as Error).message}`);
    }
  }
  return { files };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

export type Json = Record<string, unknown>;

export function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A compose volume entry, short (`./a.yaml:/etc/a.yaml:ro`) or long syntax. */
export interface Mount {
  kind: 'bind' | 'volume';
  /** For binds: the path relative to docker/; for volumes: the volume name. */
  source: string;
  target: string;
}

export function mountsOf(service: Json): Mount[] {
  return list(service.volumes).map((entry) => {
    const [source = '', target = ''] =
      typeof entry === 'string' ? entry.split(':') : [String(record(entry).source), String(record(entry).target)];
    const isBind = source.startsWith('.') || source.startsWith('/');
    return { kind: isBind ? 'bind' : 'volume', source: isBind ? posix.normalize(source) : source, target };
  });
}

/** A published port: `host` is undefined when only the container port is given. */
export interface PortMapping {
  host: number | undefined;
  container: number;
}

export function portsOf(service: Json): PortMapping[] {
  return list(service.ports).map((entry) => {
    if (typeof entry === 'object' && entry !== null) {
      const published = record(entry).published;
      return { host: published === undefined ? undefined : Number(published), container: Number(record(entry).target) };
    }
    const parts = String(entry)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    const container = Number(parts.at(-1));
    return { host: parts.length > 1 ? Number(parts.at(-2)) : undefined, container };
  });
}

/** `--config=/x` or `-config.file=/x` from a service's command, as given. */
export function flagValue(service: Json, flag: string): string | undefined {
  const args = Array.isArray(service.command) ? service.command.map(String) : String(service.command ?? '').split(/\s+/);
  const prefix = `${flag}=`;
  return args.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/** The file under docker/ that appears at `containerPath` inside the service, if a bind mount provides it. */
export function hostPathFor(service: Json, containerPath: string): string | undefined {
  for (const mount of mountsOf(service)) {
    if (mount.kind !== 'bind') continue;
    if (containerPath === mount.target) return mount.source;
    if (containerPath.startsWith(`${mount.target}/`)) return posix.join(mount.source, containerPath.slice(mount.target.length + 1));
  }
  return undefined;
}

/** Files of the setup at `path` or below it (a mounted directory). */
export function filesAt(setup: DockerSetup, path: string): string[] {
  return Object.keys(setup.files).filter((name) => name === path || name.startsWith(`${path}/`));
}

/**
 * A configuration value as docker compose runs it: every `${env:NAME:-default}` (Collector, Jaeger)
 * or `${NAME:-default}` (Tempo with -config.expand-env) replaced by its default, since compose sets
 * none of these variables. A reference without a default stays as it is.
 */
export function composeValue(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(ENV_REFERENCE, (whole, _name, fallback) => fallback ?? whole) : value;
}

/** `${env:NAME:-default}` or `${NAME:-default}`; group 1 the name, group 2 the default (if any). */
export const ENV_REFERENCE = /\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** `host:port`, `http://host:port` or `0.0.0.0:4317` (also behind `${env:NAME:-default}`) → its parts. */
export function parseEndpoint(endpoint: unknown): { host: string; port: number } | undefined {
  endpoint = composeValue(endpoint);
  if (typeof endpoint !== 'string') return undefined;
  const match = /^(?:[a-z]+:\/\/)?([^:/]+):(\d+)(?:\/.*)?$/.exec(endpoint);
  return match ? { host: match[1] ?? '', port: Number(match[2]) } : undefined;
}
