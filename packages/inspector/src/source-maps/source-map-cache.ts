import type { Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { extname, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourcePosition } from '../model/stack-trace.js';
import { integerOption } from '../options/invalid-option-error.js';

/** Largest compiled file or source map read (default): 16 MiB. */
export const DEFAULT_MAX_SOURCE_MAP_FILE_BYTES = 16 * 1024 * 1024;
/** Parsed source maps kept (default). */
export const DEFAULT_MAX_SOURCE_MAPS = 64;
/** Total size of the source maps kept, as read (default): 64 MiB. */
export const DEFAULT_MAX_SOURCE_MAP_BYTES = 64 * 1024 * 1024;

/** Options of {@link SourceMapCache}. */
export interface SourceMapCacheOptions {
  /** Largest compiled file or map file read; larger ones are not mapped (default 16 MiB). */
  maxFileBytes?: number;
  /** Parsed maps kept, least recently used dropped first (default 64). */
  maxMaps?: number;
  /** Total size of the maps kept (default 64 MiB). */
  maxBytes?: number;
}

/** Where a compiled position comes from, per its source map. */
export interface OriginalPosition extends SourcePosition {
  /** The name the map gives the position (a renamed identifier's original name), when it has one. */
  name: string | null;
}

interface LoadedMap {
  map: SourceMap;
  /** The URL the map's `sources` are relative to (the map file's, or the compiled file's for an inline map). */
  baseUrl: URL;
  sourceRoot: string;
}

/** A file as read: its modification time and size, or null when it did not exist. */
interface FileStamp {
  path: string;
  stamp: string | null;
}

/** What was read for one compiled file: its map (null when it has no usable one) and the files read. */
interface CacheEntry {
  loaded: LoadedMap | null;
  files: FileStamp[];
  /** What the entry holds against the cache's byte budget: the map's text length. */
  bytes: number;
}

const COMPILED_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);
const MAP_REFERENCE = /^\/\/[#@] sourceMappingURL=([^\s'"]+)$/;
/** Lines at the end of a compiled file searched for its `sourceMappingURL` comment. */
const TRAILING_LINES_SCANNED = 5;

/**
 * Source maps of compiled JavaScript files on this machine, read lazily and kept in a bounded LRU
 * cache (a file changed since is read again). Only files a stack names are read, only
 * `.js`/`.mjs`/`.cjs` files and the `.map` file their `sourceMappingURL` comment names (or
 * `<file>.map` beside one without a comment), each under a size cap; the sources a map lists are
 * never read. A missing or malformed map is no error: the position is just not mapped.
 */
export class SourceMapCache {
  readonly #maxFileBytes: number;
  readonly #maxMaps: number;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, CacheEntry>();
  readonly #loading = new Map<string, Promise<LoadedMap | null>>();
  #bytes = 0;

  constructor(options: SourceMapCacheOptions = {}) {
    this.#maxFileBytes = integerOption('maxFileBytes', options.maxFileBytes ?? DEFAULT_MAX_SOURCE_MAP_FILE_BYTES, 1);
    this.#maxMaps = integerOption('maxMaps', options.maxMaps ?? DEFAULT_MAX_SOURCE_MAPS, 0);
    this.#maxBytes = integerOption('maxBytes', options.maxBytes ?? DEFAULT_MAX_SOURCE_MAP_BYTES, 0);
  }

  /** Compiled files whose map (or lack of one) is kept now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Total size of the maps kept now, as read. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Where `position` of a compiled file (an absolute path or `file:` URL, 1-based line and
   * column) comes from, or null when there is no usable map or the map does not cover that line.
   */
  async originalPosition(position: SourcePosition): Promise<OriginalPosition | null> {
    const path = compiledPath(position.file);
    if (path === null) return null;
    let loading = this.#loading.get(path);
    if (loading === undefined) {
      loading = this.#load(path).finally(() => this.#loading.delete(path));
      this.#loading.set(path, loading);
    }
    const loaded = await loading;
    if (loaded === null) return null;
    try {
      return lookUp(loaded, position.line, position.column);
    } catch {
      return null;
    }
  }

  async #load(path: string): Promise<LoadedMap | null> {
    const held = this.#entries.get(path);
    if (held !== undefined && (await unchanged(held.files))) {
      this.#entries.delete(path);
      this.#entries.set(path, held);
      return held.loaded;
    }
    this.#forget(path);
    const files: FileStamp[] = [];
    let text: string | null = null;
    let loaded: LoadedMap | null = null;
    try {
      const read = await this.#read(path, files);
      if (read !== null) {
        text = read.text;
        const payload = parsePayload(read.text);
        if (payload !== null) loaded = { map: new SourceMap(payload), baseUrl: read.baseUrl, sourceRoot: sourceRootOf(payload) };
      }
    } catch {
      loaded = null;
    }
    // A file that could not be read at all is not kept: a stack naming many missing files fills nothing.
    if (files.some((file) => file.stamp !== null)) this.#keep(path, { loaded, files, bytes: loaded === null ? 0 : (text?.length ?? 0) });
    return loaded;
  }

  /** The map's text and the URL its sources are relative to; every file looked at goes into `files`. */
  async #read(path: string, files: FileStamp[]): Promise<{ text: string; baseUrl: URL } | null> {
    // A symbolic link named `.js` is followed only to a compiled file.
    if (!COMPILED_EXTENSIONS.has(extname(await realpath(path)))) return null;
    const compiled = await this.#readCapped(path, files);
    if (compiled === null) return null;
    const compiledUrl = pathToFileURL(path);
    const reference = mapReference(compiled);
    if (reference?.startsWith('data:')) {
      const text = decodeDataUrl(reference);
      return text === null ? null : { text, baseUrl: compiledUrl };
    }
    // The comment's URL, relative to the compiled file, as it says; only ever a local `.map` file.
    const mapUrl = reference === null ? pathToFileURL(`${path}.map`) : new URL(reference, compiledUrl);
    if (mapUrl.protocol !== 'file:' || !mapUrl.pathname.endsWith('.map')) return null;
    const text = await this.#readCapped(fileURLToPath(mapUrl), files);
    return text === null ? null : { text, baseUrl: mapUrl };
  }

  /** A regular file's text, or null when it is missing, not a file or over the size cap. */
  async #readCapped(path: string, files: FileStamp[]): Promise<string | null> {
    const info = await statOrNull(path);
    files.push({ path, stamp: info === null ? null : stampOf(info) });
    if (info === null || !info.isFile() || info.size > this.#maxFileBytes) return null;
    return readFile(path, 'utf8');
  }

  #keep(path: string, entry: CacheEntry): void {
    if (entry.bytes > this.#maxBytes) return;
    this.#entries.set(path, entry);
    this.#bytes += entry.bytes;
    for (const [oldest] of this.#entries) {
      if (this.#entries.size <= this.#maxMaps && this.#bytes <= this.#maxBytes) break;
      this.#forget(oldest);
    }
  }

  #forget(path: string): void {
    const held = this.#entries.get(path);
    if (held === undefined) return;
    this.#entries.delete(path);
    this.#bytes -= held.bytes;
  }
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/** A file's modification time and size as one string: what tells a rebuilt file. */
function stampOf(info: Stats): string {
  return `${info.mtimeMs}:${info.size}`;
}

async function unchanged(files: readonly FileStamp[]): Promise<boolean> {
  for (const file of files) {
    const info = await statOrNull(file.path);
    if ((info === null ? null : stampOf(info)) !== file.stamp) return false;
  }
  return true;
}

/** The local path of a compiled JavaScript file a stack names, or null for anything else. */
function compiledPath(file: string): string | null {
  let path = file;
  if (file.startsWith('file:')) {
    try {
      path = fileURLToPath(file);
    } catch {
      return null;
    }
  }
  if (!isAbsolute(path) || !COMPILED_EXTENSIONS.has(extname(path))) return null;
  return path;
}

/**
 * The URL of the file's `//# sourceMappingURL=` comment: among the comment lines that end the file
 * (others, such as `//# debugId=`, may stand beside it), the last one that is such a comment.
 */
function mapReference(source: string): string | null {
  let end = source.length;
  for (let scanned = 0; scanned < TRAILING_LINES_SCANNED && end > 0; scanned += 1) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    const line = source.slice(start, end).trim();
    const reference = MAP_REFERENCE.exec(line)?.[1];
    if (reference !== undefined) return reference;
    if (line !== '' && !line.startsWith('//')) return null;
    end = start - 1;
  }
  return null;
}

/** The text of a `data:` URL (base64 or percent-encoded), or null when it is not one. */
function decodeDataUrl(url: string): string | null {
  const comma = url.indexOf(',');
  if (comma < 0) return null;
  const header = url.slice('data:'.length, comma);
  const body = url.slice(comma + 1);
  return header.split(';').includes('base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
}

function sourceRootOf(payload: SourceMapPayload): string {
  return typeof payload.sourceRoot === 'string' ? payload.sourceRoot : '';
}

/** A source map v3 payload with the fields a lookup needs, or null. */
function parsePayload(text: string): SourceMapPayload | null {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) return null;
  const payload = parsed as Partial<SourceMapPayload>;
  if (payload.version !== 3 || typeof payload.mappings !== 'string' || !Array.isArray(payload.sources)) return null;
  if (!payload.sources.every((source) => typeof source === 'string' || source === null)) return null;
  return { ...payload, names: Array.isArray(payload.names) ? payload.names : [] } as SourceMapPayload;
}

/**
 * The mapping of a 1-based line and column. Only a mapping on the same generated line counts:
 * `findOrigin` would carry an earlier line's mapping forward, naming a line that did not run.
 */
function lookUp(loaded: LoadedMap, line: number, column: number): OriginalPosition | null {
  const entry: Partial<Record<'generatedLine' | 'generatedColumn' | 'originalLine' | 'originalColumn', number>> & {
    originalSource?: string;
    name?: string;
  } = loaded.map.findEntry(line - 1, column - 1);
  const { generatedLine, generatedColumn, originalLine, originalColumn, originalSource } = entry;
  if (generatedLine !== line - 1 || generatedColumn === undefined || originalLine === undefined || originalColumn === undefined)
    return null;
  if (typeof originalSource !== 'string' || originalSource === '') return null;
  return {
    file: displaySource(loaded, originalSource),
    line: originalLine + 1,
    column: originalColumn + (column - 1 - generatedColumn) + 1,
    name: typeof entry.name === 'string' && entry.name !== '' ? entry.name : null,
  };
}

/** A source as the map names it, resolved against the map's URL: a path for `file:` URLs, else the URL. */
function displaySource(loaded: LoadedMap, source: string): string {
  try {
    const url = new URL(loaded.sourceRoot === '' ? source : `${loaded.sourceRoot.replace(/\/?$/, '/')}${source}`, loaded.baseUrl);
    return url.protocol === 'file:' ? fileURLToPath(url) : url.href;
  } catch {
    return source;
  }
}
