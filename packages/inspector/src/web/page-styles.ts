/** The page's stylesheet: light theme, system font, one colour per step status. */
export const PAGE_STYLES = `
:root {
  --bg: #f5f6f8; --panel: #ffffff; --border: #e3e6eb; --border-strong: #cfd4dc;
  --text: #1d2330; --muted: #667085; --faint: #98a2b3; --accent: #2563eb; --accent-bg: #eff4ff;
  --ok: #16a34a; --ok-fill: #3fb86b; --ok-bg: #eaf7ef;
  --error: #dc2626; --error-fill: #e5484d; --error-bg: #fdeded;
  --timed-out: #ea580c; --timed-out-fill: #f2843e; --timed-out-bg: #fff2e8;
  --cancelled: #6b7280; --cancelled-fill: #a3a9b4; --cancelled-bg: #f0f1f3;
  --skipped: #98a2b3; --unknown: #64748b; --unknown-fill: #94a3b8;
  --critical: #7c3aed; --critical-bg: #f3edff; --match: #f5b800; --match-bg: #fff7d6;
  --stage: #4f5bd5; --stage-bg: #eceefe; --span-fill: #8da2bf;
  --label-width: 210px; --row-height: 28px; --radius: 10px;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body {
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text); background: var(--bg); -webkit-font-smoothing: antialiased;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
button { font: inherit; }
code, .mono { font-family: var(--mono); font-size: 12px; }

.topbar {
  position: sticky; top: 0; z-index: 20; display: flex; align-items: center; gap: 16px;
  height: 52px; padding: 0 24px; background: rgba(255,255,255,0.92); backdrop-filter: blur(6px);
  border-bottom: 1px solid var(--border);
}
.brand { display: flex; align-items: center; gap: 9px; font-weight: 650; font-size: 14px; color: var(--text); }
.brand:hover { text-decoration: none; }
.brand-mark {
  width: 22px; height: 22px; border-radius: 6px; background: linear-gradient(135deg, #4f5bd5, #7c3aed);
  display: grid; place-items: center; color: #fff; font-size: 12px; font-weight: 700;
}
.brand-sub { color: var(--faint); font-weight: 500; }
.search { position: relative; margin-left: auto; width: min(440px, 45vw); }
.search input {
  width: 100%; height: 32px; padding: 0 12px 0 32px; border: 1px solid var(--border-strong); border-radius: 8px;
  background: #fff; font: inherit; color: var(--text); outline: none;
}
.search input:focus { border-color: var(--accent); box-shadow: 0 0 0 3px rgba(37,99,235,0.15); }
.search::before {
  content: ""; position: absolute; left: 11px; top: 10px; width: 9px; height: 9px; border: 1.6px solid var(--faint);
  border-radius: 50%;
}
.search::after {
  content: ""; position: absolute; left: 20px; top: 20px; width: 5px; height: 1.6px; background: var(--faint);
  transform: rotate(45deg);
}
.search-status { font-size: 12px; color: var(--muted); white-space: nowrap; }
.mode-badge {
  display: inline-flex; align-items: center; gap: 5px; font-size: 11px; color: var(--muted);
  border: 1px solid var(--border); border-radius: 999px; padding: 2px 9px; white-space: nowrap;
}
.mode-badge.live { color: var(--ok); border-color: #bfe5cc; background: var(--ok-bg); }
.mode-badge.live::before { content: ""; width: 6px; height: 6px; border-radius: 50%; background: var(--ok); }

main { max-width: 1480px; margin: 0 auto; padding: 20px 24px 80px; }
body.has-details main { margin-right: 460px; }
@media (max-width: 1199px) {
  body.has-details main { margin-right: auto; }
  .details { width: min(460px, 92vw); box-shadow: -12px 0 36px rgba(16,24,40,0.22); }
}
.card { background: var(--panel); border: 1px solid var(--border); border-radius: var(--radius);
  box-shadow: 0 1px 2px rgba(16,24,40,0.04); margin-bottom: 16px; }
.card-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 12px 16px; border-bottom: 1px solid var(--border); }
.card-title { font-size: 13px; font-weight: 650; margin: 0; }
.card-sub { color: var(--muted); font-size: 12px; white-space: nowrap; }
.card-body { padding: 14px 16px; }
.spacer { flex: 1; }
.empty { padding: 32px 16px; color: var(--muted); text-align: center; }
.notice { margin: 0 16px 12px; padding: 8px 12px; border-radius: 8px; background: var(--accent-bg); color: #1e3a8a; font-size: 12px; }
.error-box { padding: 16px; color: var(--error); }
.waiting { padding: 8px 16px; color: var(--muted); }
.failure-banner { margin-bottom: 16px; padding: 12px 16px; border: 1px solid #f3c2c2; border-left: 4px solid var(--error); border-radius: var(--radius); background: var(--error-bg); }
.failure-title { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; font-weight: 650; color: var(--error); }
.failure-message { margin-top: 6px; font-family: var(--mono); font-size: 12px; color: #6b2c2c; overflow-wrap: anywhere; }
.failure-skipped { margin-top: 4px; font-size: 12px; color: var(--muted); }

.crumbs { font-size: 12px; color: var(--muted); margin-bottom: 6px; }
.trace-head { padding: 16px 18px; display: flex; gap: 18px; align-items: flex-start; }
.trace-title { font-size: 19px; font-weight: 680; margin: 0 0 4px; letter-spacing: -0.01em; word-break: break-word; }
.trace-id { color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: 8px 22px; margin-top: 12px; }
.fact { display: flex; flex-direction: column; gap: 1px; }
.fact-label { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--faint); font-weight: 600; }
.fact-value { font-size: 14px; font-weight: 600; }
.button {
  display: inline-flex; align-items: center; gap: 6px; height: 30px; padding: 0 12px; border-radius: 8px;
  border: 1px solid var(--border-strong); background: #fff; color: var(--text); cursor: pointer; white-space: nowrap;
}
.button:hover { background: #f8f9fb; text-decoration: none; }
.button.small { height: 24px; padding: 0 9px; font-size: 12px; }

.pill {
  display: inline-flex; align-items: center; gap: 5px; height: 20px; padding: 0 8px; border-radius: 999px;
  font-size: 11.5px; font-weight: 600; background: #f0f2f5; color: #475467; white-space: nowrap;
}
.pill::before { content: ""; width: 6px; height: 6px; border-radius: 50%; background: currentColor; opacity: 0.9; }
.pill.plain::before { display: none; }
.pill.status-ok { background: var(--ok-bg); color: var(--ok); }
.pill.status-error { background: var(--error-bg); color: var(--error); }
.pill.status-timed_out { background: var(--timed-out-bg); color: var(--timed-out); }
.pill.status-cancelled { background: var(--cancelled-bg); color: var(--cancelled); }
.pill.status-skipped { background: #f5f6f7; color: var(--skipped); }
.pill.strategy { background: var(--stage-bg); color: var(--stage); }
.pill.critical { background: var(--critical-bg); color: var(--critical); }

table.list { width: 100%; border-collapse: collapse; }
table.list td.pick, table.list th.pick { width: 28px; padding-right: 0; }
table.list .row-sub { word-break: break-all; }
table.list th button.sort { border: 0; background: none; padding: 0; font: inherit; color: inherit; text-transform: inherit; letter-spacing: inherit; cursor: pointer; }
table.list th[aria-sort="ascending"] button.sort, table.list th[aria-sort="descending"] button.sort { color: var(--accent); }
.compare-runs { padding: 10px 16px 12px; display: grid; gap: 4px; font-size: 13px; }
.compare-run .fact-label { display: inline-block; width: 48px; }
table.list.compare td.slower { color: var(--error); font-weight: 600; }
table.list.compare tr.status-changed td { background: #fffaf0; }
.plan-differences { margin-top: 4px; padding: 8px 12px; border-radius: 8px; background: #fffaf0; color: #7a4b00; font-size: 12.5px; }
.file-hint { margin: 0 0 12px; color: var(--muted); font-size: 12.5px; }
.file-picks { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.file-pick { display: grid; gap: 6px; align-content: start; font-size: 12.5px; }
.file-pick select { max-width: 100%; }
.file-error { color: var(--error); overflow-wrap: anywhere; }
.file-warning { color: #7a4b00; }
.list-filters { display: flex; flex-wrap: wrap; gap: 8px; padding: 0 16px 12px; }
.list-filters select, .list-filters input { font: inherit; font-size: 12px; padding: 4px 8px; border: 1px solid var(--border); border-radius: 6px; background: #fff; }
.list-filters input[type="number"] { width: 84px; }
@media (max-width: 1100px) { table.list td, table.list th { padding-left: 8px; padding-right: 8px; } table.list .row-sub { font-size: 10px; } }
table.list th { text-align: left; font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--faint);
  font-weight: 600; padding: 9px 16px; border-bottom: 1px solid var(--border); background: #fafbfc; }
table.list td { padding: 10px 16px; border-bottom: 1px solid #eef0f3; vertical-align: middle; }
table.list tr:last-child td { border-bottom: none; }
table.list tbody tr { cursor: pointer; }
table.list tbody tr:hover td { background: #f8faff; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.row-title { font-weight: 600; color: var(--text); }
.row-sub { color: var(--faint); font-size: 11.5px; }

.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 11.5px; color: var(--muted); }
.legend-item { display: inline-flex; align-items: center; gap: 6px; }
.swatch { width: 14px; height: 10px; border-radius: 3px; display: inline-block; }
.swatch.ok { background: var(--ok-fill); } .swatch.error { background: var(--error-fill); }
.swatch.timed_out { background: var(--timed-out-fill); } .swatch.cancelled { background: var(--cancelled-fill); }
.swatch.skipped { border: 1.5px dashed var(--skipped); background: #fff; }
.swatch.wait { background: repeating-linear-gradient(135deg, #c9d1dc 0 2px, #eef1f5 2px 5px); }
.swatch.critical { background: #fff; border: 2px solid var(--critical); }

.timeline { position: relative; padding-bottom: 6px; }
.tl-axis { display: flex; height: 28px; border-bottom: 1px solid var(--border); position: sticky; top: 52px; z-index: 5; background: #fff; }
.tl-axis-label { width: var(--label-width); flex: none; padding: 7px 16px; font-size: 11px; color: var(--faint); }
.tl-axis-track { position: relative; flex: 1; margin-right: 24px; }
.tl-tick { position: absolute; top: 8px; font-size: 10.5px; color: var(--faint); transform: translateX(-50%); white-space: nowrap; font-variant-numeric: tabular-nums; }
.tl-tick:first-child { transform: none; }
.tl-grid { position: absolute; top: 28px; bottom: 0; left: var(--label-width); right: 24px; pointer-events: none; }
.tl-gridline { position: absolute; top: 0; bottom: 0; width: 1px; background: #eef0f3; }
.lane { display: flex; border-bottom: 1px solid var(--border); position: relative; }
.lane:last-child { border-bottom: none; }
.lane-label { width: var(--label-width); flex: none; padding: 8px 16px; border-right: 1px solid var(--border); background: #fcfcfd; }
.lane-title { font-weight: 650; font-size: 12.5px; }
.lane-sub { color: var(--faint); font-size: 11.5px; }
.lane-track { position: relative; flex: 1; padding: 4px 0; margin-right: 24px; }
.run-divider { padding: 8px 16px; font-size: 12px; font-weight: 650; color: var(--muted); background: #f8f9fb; border-bottom: 1px solid var(--border); display: flex; gap: 8px; align-items: center; }
.tl-row { position: relative; height: var(--row-height); }
.tl-bar {
  position: absolute; top: 5px; height: 18px; min-width: 3px; border-radius: 4px; cursor: pointer;
  background: var(--unknown-fill); box-shadow: inset 0 0 0 1px rgba(0,0,0,0.08); transition: box-shadow 0.12s;
}
.tl-bar.status-ok { background: var(--ok-fill); }
.tl-bar.status-error { background: var(--error-fill); }
.tl-bar.status-timed_out { background: var(--timed-out-fill); }
.tl-bar.status-cancelled { background: var(--cancelled-fill); }
.tl-attempt { position: absolute; top: 0; bottom: 0; border-right: 1.5px solid rgba(255,255,255,0.9); border-radius: 3px; pointer-events: none; }
.tl-attempt.status-error, .tl-attempt.status-timed_out { background: repeating-linear-gradient(135deg, var(--error-fill) 0 3px, rgba(255,255,255,0.55) 3px 5px); }
.attempt { margin-bottom: 6px; font-size: 12.5px; }
.attempt .exception-message { color: var(--error); font-size: 12px; margin: 2px 0 0 6px; }
.tl-label .attempts { margin-left: 4px; font-weight: 650; color: var(--error); }
.tl-bar.status-skipped { background: #fff; box-shadow: none; border: 1.5px dashed var(--skipped); min-width: 12px; }
.tl-bar.kind-stage { background: var(--stage-bg); box-shadow: inset 0 0 0 1px #c9cdf5; overflow: hidden; }
.tl-bar.kind-stage.failed { background: var(--error-bg); box-shadow: inset 0 0 0 1px #f3c2c2; }
.tl-bar.kind-stage.failed .tl-stage-label { color: var(--error); }
.tl-bar.kind-span { background: var(--span-fill); }
.tl-bar.kind-span.failed { background: var(--error-fill); }
.tl-bar.is-critical { box-shadow: 0 0 0 2px #fff, 0 0 0 3.5px var(--critical); }
.tl-bar.is-match { box-shadow: 0 0 0 2px #fff, 0 0 0 4px var(--match); }
.tl-bar.is-selected { box-shadow: 0 0 0 2px #fff, 0 0 0 4px var(--accent); }
[role="button"]:focus-visible, .chip:focus-visible, .button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.node:focus-visible { outline: none; }
.node:focus-visible rect.halo { stroke: var(--accent); stroke-width: 3; stroke-dasharray: 4 3; }
.tl-wait {
  position: absolute; top: 9px; height: 10px; border-radius: 3px 0 0 3px;
  background: repeating-linear-gradient(135deg, #c9d1dc 0 2px, #eef1f5 2px 5px); pointer-events: none;
}
.tl-label {
  position: absolute; top: 5px; height: 18px; line-height: 18px; font-size: 11.5px; white-space: nowrap;
  color: var(--text); pointer-events: none; font-variant-numeric: tabular-nums;
  overflow: hidden; text-overflow: ellipsis; box-sizing: content-box; max-width: 100%;
}
.tl-label .order { font-weight: 700; color: var(--muted); margin-right: 4px; font-family: var(--mono); font-size: 11px; }
.tl-label .dur { color: var(--faint); margin-left: 6px; }
.tl-label.on-right { margin-left: 6px; }
.tl-label.on-left { margin-right: 6px; text-align: right; }
.tl-label[data-label-side] { margin: 0; }
.tl-label.on-inside { color: #fff; text-shadow: 0 0 2px rgba(0,0,0,0.45); }
.tl-label.on-inside .order, .tl-label.on-inside .dur { color: rgba(255,255,255,0.9); }
.lane-track, .wf-track { min-width: 0; }
.tl-stage-label { color: var(--stage); font-weight: 600; padding: 0 8px; overflow: hidden; text-overflow: ellipsis; }
.tl-profile { position: relative; height: 36px; margin: 0 0 4px; border-bottom: 1px dashed var(--border); }
.tl-profile-bar { position: absolute; bottom: 4px; min-width: 1px; background: #9fd6b2; border-radius: 1px 1px 0 0; }
.tl-profile-bar.failed { background: #f0a3a5; }
.tl-profile-caption { position: absolute; right: 0; top: 0; font-size: 10.5px; color: var(--faint); background: rgba(255,255,255,0.85); padding: 0 4px; }
.tl-more { height: var(--row-height); display: flex; align-items: center; padding-left: 6px; }

.graph-wrap { overflow: hidden; background:
  radial-gradient(circle, #e6e9ee 1px, transparent 1px) 0 0 / 18px 18px; border-radius: 0 0 var(--radius) var(--radius); }
.graph-wrap svg { display: block; margin: 0 auto; touch-action: none; }
.graph-wrap svg[data-zoomed] { cursor: grab; }
.zoom-buttons { display: inline-flex; gap: 4px; }
.node { cursor: pointer; }
.node rect.box { fill: #fff; stroke: var(--border-strong); stroke-width: 1.2; }
.node.status-ok rect.box { fill: var(--ok-bg); stroke: var(--ok); }
.node.status-error rect.box { fill: var(--error-bg); stroke: var(--error); }
.node.status-timed_out rect.box { fill: var(--timed-out-bg); stroke: var(--timed-out); }
.node.status-cancelled rect.box { fill: var(--cancelled-bg); stroke: var(--cancelled); }
.node.status-skipped rect.box { fill: #fff; stroke: var(--skipped); stroke-dasharray: 5 4; }
.node.is-critical rect.box { stroke: var(--critical); stroke-width: 2.6; }
.node.is-match rect.halo { stroke: var(--match); stroke-width: 4; fill: none; }
.node.is-selected rect.halo { stroke: var(--accent); stroke-width: 4; fill: none; }
.node rect.halo { fill: none; stroke: none; }
.node:hover rect.box { filter: drop-shadow(0 2px 4px rgba(16,24,40,0.12)); }
.node .dot { stroke: none; }
.node.status-ok .dot { fill: var(--ok); } .node.status-error .dot { fill: var(--error); }
.node.status-timed_out .dot { fill: var(--timed-out); } .node.status-cancelled .dot { fill: var(--cancelled); }
.node.status-skipped .dot { fill: var(--skipped); } .node.status-unknown .dot { fill: var(--unknown); }
.node text { font-family: inherit; fill: var(--text); }
.node text.label { font-size: 12.5px; font-weight: 650; }
.node text.detail { font-size: 11px; fill: var(--muted); }
.node text.badge { font-size: 10.5px; font-family: var(--mono); fill: var(--muted); font-weight: 600; }
.edge { fill: none; stroke: #9aa4b2; stroke-width: 1.4; }
.edge.is-critical { stroke: var(--critical); stroke-width: 2.6; }
.edge-count { font-size: 11px; fill: var(--muted); paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.critical-line { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 10px 16px; border-bottom: 1px solid var(--border); font-size: 12px; color: var(--muted); }
.chip {
  display: inline-flex; align-items: center; gap: 5px; height: 22px; padding: 0 8px; border-radius: 6px;
  border: 1px solid var(--border); background: #fff; color: var(--text); font-size: 12px; cursor: pointer; max-width: 100%;
}
.chip:hover { border-color: var(--accent); color: var(--accent); }
.chip .dot { width: 7px; height: 7px; border-radius: 50%; background: var(--faint); flex: none; }
.chip .dot.status-ok { background: var(--ok); } .chip .dot.status-error { background: var(--error); }
.chip .dot.status-timed_out { background: var(--timed-out); } .chip .dot.status-cancelled { background: var(--cancelled); }
.chip .dot.status-skipped { background: #fff; border: 1.5px dashed var(--skipped); }
.chip.critical { border-color: #d9c9fb; background: var(--critical-bg); color: var(--critical); }
.arrow { color: var(--faint); }

.wf-row { display: flex; height: var(--row-height); border-bottom: 1px solid #f1f2f4; cursor: pointer; }
.wf-row:hover { background: #f8faff; }
.wf-row.is-selected { background: var(--accent-bg); }
.wf-row.is-match { background: var(--match-bg); }
.wf-name { width: 320px; flex: none; padding: 0 12px; display: flex; align-items: center; gap: 6px; overflow: hidden; white-space: nowrap; border-right: 1px solid var(--border); }
.wf-name .name { overflow: hidden; text-overflow: ellipsis; }
.wf-name .svc { color: var(--faint); font-size: 11px; white-space: nowrap; }
.wf-track { position: relative; flex: 1; margin-right: 24px; }
.wf-name { width: 420px; padding-left: 6px; gap: 5px; }
.tree-toggle { width: 16px; height: 16px; flex: none; border: 0; padding: 0; background: none; color: var(--muted); font-size: 11px; cursor: pointer; line-height: 16px; }
.tree-toggle.none { cursor: default; }
.tree-toggle:hover { color: var(--accent); }
.kind-chip { flex: none; font-size: 10px; line-height: 14px; padding: 0 5px; border-radius: 4px; background: #f1f2f6; color: var(--muted); font-family: var(--mono); }
.kind-chip.kind-step { background: var(--accent-bg); color: var(--accent); }
.kind-chip.kind-http, .kind-chip.kind-db, .kind-chip.kind-gen_ai { background: #eef6ff; color: #1d5fa8; }
@media (max-width: 1200px) { .wf-name { width: 320px; } }
.execution-plan { margin-top: 6px; }
.plan { width: 100%; border-collapse: collapse; font-size: 12px; margin: 4px 0; }
.plan td { padding: 3px 6px; border-bottom: 1px solid #f1f2f4; vertical-align: top; }
.plan td.plan-group { font-weight: 700; color: var(--muted); font-family: var(--mono); white-space: nowrap; }
.plan-facts { color: var(--muted); font-size: 12px; margin: 4px 0; }

.details {
  position: fixed; top: 52px; right: 0; bottom: 0; width: 460px; z-index: 15; background: #fff;
  border-left: 1px solid var(--border); box-shadow: -8px 0 24px rgba(16,24,40,0.06); overflow-y: auto; display: none;
}
body.has-details .details { display: block; }
.details-head { position: sticky; top: 0; background: #fff; padding: 14px 18px 12px; border-bottom: 1px solid var(--border); z-index: 1; }
.details-kind { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--faint); font-weight: 650; }
.details-title { font-size: 16px; font-weight: 680; margin: 2px 0 6px; word-break: break-word; }
.details-close { position: absolute; top: 12px; right: 12px; width: 28px; height: 28px; border-radius: 7px; border: 1px solid var(--border); background: #fff; cursor: pointer; color: var(--muted); font-size: 16px; line-height: 1; }
.details-close:hover { background: #f5f6f8; }
.section { padding: 12px 18px; border-bottom: 1px solid #f0f1f3; }
.section h3 { margin: 0 0 8px; font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 650; }
.kv { display: grid; grid-template-columns: 120px 1fr; gap: 5px 12px; font-size: 12.5px; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; word-break: break-word; font-variant-numeric: tabular-nums; }
table.attrs { width: 100%; border-collapse: collapse; font-size: 12px; table-layout: fixed; }
table.attrs td { padding: 5px 0; border-bottom: 1px solid #f3f4f6; vertical-align: top; }
table.attrs td.key { width: 44%; color: var(--muted); padding-right: 10px; font-family: var(--mono); font-size: 11.5px; word-break: normal; overflow-wrap: normal; }
table.attrs td.value { font-family: var(--mono); font-size: 11.5px; white-space: pre-wrap; word-break: normal; overflow-wrap: anywhere; }
details.json summary { cursor: pointer; list-style-position: inside; }
details.json .json-preview { color: var(--text); }
details.json[open] .json-preview { display: none; }
details.json[open] summary::after { content: "JSON"; color: var(--faint); font-size: 11px; }
pre.json-body { margin: 4px 0 0; padding: 6px 8px; background: #f8f9fb; border: 1px solid var(--border); border-radius: 6px; font-family: var(--mono); font-size: 11px; line-height: 1.45; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 320px; overflow-y: auto; }
table.attrs tr.is-match td { background: var(--match-bg); }
.links { display: flex; flex-wrap: wrap; gap: 6px; }
.none { color: var(--faint); font-size: 12px; }
.event { padding: 8px 0; border-bottom: 1px solid #f3f4f6; }
.event:last-child { border-bottom: none; }
.event-head { display: flex; gap: 8px; align-items: baseline; font-size: 12.5px; }
.event-name { font-weight: 600; }
.event-time { color: var(--faint); font-size: 11.5px; font-variant-numeric: tabular-nums; }
.exception { border: 1px solid #f6c9c9; background: var(--error-bg); border-radius: 8px; padding: 10px 12px; margin-bottom: 8px; }
.exception-type { color: var(--error); font-weight: 700; font-size: 12.5px; }
.exception-message { margin-top: 2px; font-size: 12.5px; word-break: break-word; }
pre.stack { margin: 8px 0 0; padding: 8px 10px; background: #fff; border: 1px solid #f3d6d6; border-radius: 6px; font-family: var(--mono); font-size: 11px; line-height: 1.5; max-height: 240px; overflow-y: auto; overflow-x: hidden; white-space: pre-wrap; overflow-wrap: anywhere; color: #6b2c2c; }
.stack .stack-line { display: block; }
.stack .stack-line.is-mapped { color: #4a1d1d; font-weight: 600; }
.stack .stack-compiled { display: block; font-weight: 400; color: var(--faint); }
[data-mapped-stack] details.raw { margin-top: 6px; }
details.raw summary { cursor: pointer; color: var(--muted); font-size: 12px; }

.search-results { position: absolute; top: 38px; right: 0; width: min(520px, 80vw); max-height: 60vh; overflow: auto; background: #fff; border: 1px solid var(--border); border-radius: 10px; box-shadow: 0 12px 32px rgba(16,24,40,0.14); display: none; z-index: 30; }
.search-results.open { display: block; }
.search-result { display: flex; gap: 10px; align-items: center; width: 100%; padding: 8px 12px; border: none; border-bottom: 1px solid #f1f2f4; background: none; text-align: left; cursor: pointer; color: var(--text); }
.search-result:hover { background: #f8faff; }
.search-result .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.search-result .where { color: var(--faint); font-size: 11.5px; margin-left: auto; white-space: nowrap; }
.search-empty { padding: 12px; color: var(--muted); }
`;
