/** The CLI's help texts, per command. */
export const USAGE: Record<string, string> = {
  general: `Usage: tooltrace-inspector <command> [options]

Commands:
  serve               receive OTLP/HTTP traces and serve the web view (or read Jaeger/Tempo)
  render <file...>    write one self-contained HTML file
  print <file...>     draw traces as trees with timeline bars
  export <file|url>   write one trace as OTLP/JSON
  diff <a> <b>        compare two runs: per step status and duration, critical paths, what got slower

Files: OTLP/JSON, JSONL (one OTLP/JSON request per line), Jaeger JSON, or OTLP protobuf (.pb);
"-" reads standard input (protobuf there is recognized as binary that is not UTF-8 text).
A Jaeger or Tempo trace URL works as a file: http://host:16686/trace/<id>,
http://host:16686/api/traces/<id>, http://host:16686/api/v3/traces/<id>,
http://host:3200/api/v2/traces/<id>; or give --jaeger <url> / --tempo <url> with --trace <id>.
Run "tooltrace-inspector <command> --help" for a command's options.

Options:
  -h, --help       show help
  -v, --version    show the version
`,
  serve: `Usage: tooltrace-inspector serve [options]

Receives OTLP/HTTP traces on POST /v1/traces (JSON or protobuf, gzip allowed) and serves the web
view and its API on the same port, until stopped with Ctrl-C.

Options:
  --host <host>          interface to listen on (default 127.0.0.1)
  --port <port>          port, 0 for any free one (default 4318, the OTLP/HTTP port)
  --load <file>          load traces from a file at start (repeatable)
  --max-traces <n>       traces kept in memory, least recently updated evicted first (default 100)
  --body-limit <bytes>   largest accepted request body (default 8388608)
  --jaeger <url>         also read traces from this Jaeger (query API, e.g. http://127.0.0.1:16686):
                         the list shows its tooltrace traces of the last 24 hours (at most 20),
                         and /trace/<id> opens any trace it holds
  --tempo <url>          the same from Grafana Tempo (e.g. http://127.0.0.1:3200)
  --timeout <ms>         give up on a Jaeger/Tempo request after this long (default 10000)
  --no-source-maps       show exception stacks as recorded: do not read the source maps of the
                         compiled .js files they name (default: read them when --host is loopback)
  --source-maps          read them on a --host that is not loopback too
`,
  render: `Usage: tooltrace-inspector render <file...> [-o run.html] [--trace <id>]
       tooltrace-inspector render --jaeger <url>|--tempo <url> --trace <id> [-o run.html]

Writes the web view of the traces in the files ("-" for standard input; a Jaeger or Tempo trace
URL is fetched) as one self-contained HTML file.

Options:
  -o, --output <file>    output file, "-" for stdout (default: the input name with .html,
                         trace-<id>.html for one fetched trace, traces.html for several inputs
                         or standard input)
  --trace <id>           only this trace (with --jaeger/--tempo: the trace to fetch)
  --jaeger <url>         fetch --trace from this Jaeger (query API, e.g. http://127.0.0.1:16686)
  --tempo <url>          fetch --trace from this Tempo (e.g. http://127.0.0.1:3200)
  --timeout <ms>         give up on a Jaeger/Tempo request after this long (default 10000)
  --no-source-maps       show exception stacks as recorded, without reading the source maps of
                         the compiled .js files they name
`,
  print: `Usage: tooltrace-inspector print <file...> [--trace <id>] [--no-color] [--width <n>]
       tooltrace-inspector print --jaeger <url>|--tempo <url> --trace <id> [options]

Draws each trace in the files ("-" for standard input; a Jaeger or Tempo trace URL is fetched)
as a tree: span, group, execution order, status, duration, timeline bar.

Options:
  --trace <id>           only this trace (with --jaeger/--tempo: the trace to fetch)
  --jaeger <url>         fetch --trace from this Jaeger (query API, e.g. http://127.0.0.1:16686)
  --tempo <url>          fetch --trace from this Tempo (e.g. http://127.0.0.1:3200)
  --timeout <ms>         give up on a Jaeger/Tempo request after this long (default 10000)
  --width <n>            line width (default: the terminal's, else 100)
  --color / --no-color   force colours on or off (default: on for a terminal unless NO_COLOR is set)
  --no-source-maps       show where an error was thrown as recorded, without reading the source
                         maps of the compiled .js files its stack names
`,
  export: `Usage: tooltrace-inspector export <file|-|url> [--trace <id>] [-o out.json]
       tooltrace-inspector export --jaeger <url>|--tempo <url> --trace <id> [-o out.json]

Writes one trace as an OTLP/JSON ExportTraceServiceRequest. The source is a trace file, "-" for
standard input, the URL of a running inspector (e.g. http://127.0.0.1:4318), or a Jaeger or
Tempo trace URL (e.g. http://127.0.0.1:16686/trace/<id>).

Options:
  --trace <id>           the trace; may be left out when the file or inspector holds exactly
                         one (otherwise the available ids are listed, newest first)
  --jaeger <url>         fetch --trace from this Jaeger (query API, e.g. http://127.0.0.1:16686)
  --tempo <url>          fetch --trace from this Tempo (e.g. http://127.0.0.1:3200)
  --timeout <ms>         give up on a Jaeger/Tempo request after this long (default 10000)
  -o, --output <file>    output file (default: stdout)
`,
  diff: `Usage: tooltrace-inspector diff <before> <after> [--no-color]

Compares two runs of a plan, one trace per file ("-" for standard input): each step's status and
duration then and now with the change, each run's critical path, and the steps that got slower.

Options:
  --color / --no-color   force colours on or off (default: on for a terminal unless NO_COLOR is set)
`,
};
