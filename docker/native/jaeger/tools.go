//go:build tools

// Package tools pins Jaeger v2 for tooltrace's native backend runs: scripts/backends builds
// github.com/jaegertracing/jaeger/cmd/jaeger from this module (go.mod repeats Jaeger's own replace
// line, which is why `go install ...@version` refuses it).
package tools

import _ "github.com/jaegertracing/jaeger/cmd/jaeger"
