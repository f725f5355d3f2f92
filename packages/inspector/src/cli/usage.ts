/** The CLI's help texts, per command. */
export const USAGE: Record<string, string> = {
  general: `Usage: tooltrace-inspector <command> [options]

Commands:
  serve               receive OTLP/HTTP traces and serve the web view
  render <file...>    write one self-contained HTML file
  print <file...>     draw traces as trees with timeline bars
  export <file|url>   write one trace as OTLP/JSON

Files: OTLP/JSON, JSONL (one OTLP/JSON request per line), Jaeger JSON, or OTLP protobuf (.pb);
"-" reads standard input (protobuf there is recognized as binary that is not UTF-8 text).
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
`,
  render: `Usage: tooltrace-inspector render <file...> [-o run.html] [--trace <id>]

Writes the web view of the traces in the files ("-" for standard input) as one self-contained
HTML file.

Options:
  -o, --output <file>    output file, "-" for stdout (default: the input name with .html,
                         traces.html for several inputs or standard input)
  --trace <id>           only this trace
`,
  print: `Usage: tooltrace-inspector print <file...> [--trace <id>] [--no-color] [--width <n>]

Draws each trace in the files ("-" for standard input) as a tree: span, group, execution
order, status, duration, timeline bar.

Options:
  --trace <id>           only this trace
  --width <n>            line width (default: the terminal's, else 100)
  --color / --no-color   force colours on or off (default: on for a terminal unless NO_COLOR is set)
`,
  export: `Usage: tooltrace-inspector export <file|-|url> [--trace <id>] [-o out.json]

Writes one trace as an OTLP/JSON ExportTraceServiceRequest. The source is a trace file, "-" for
standard input, or the URL of a running inspector (e.g. http://127.0.0.1:4318).

Options:
  --trace <id>           the trace; may be left out when the file or inspector holds exactly
                         one (otherwise the available ids are listed, newest first)
  -o, --output <file>    output file (default: stdout)
`,
};
