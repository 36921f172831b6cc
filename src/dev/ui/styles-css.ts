/**
 * The viewer's stylesheet (light and dark via prefers-color-scheme).
 *
 * Browser code kept as a string so the package needs no asset copying; it is plain ES2017 without
 * template literals (the string is a `String.raw` template). A test parses the assembled script.
 *
 * @module
 */

/** The viewer's stylesheet (light and dark via prefers-color-scheme).. */
export const STYLES_CSS = String.raw`:root {
  --bg: #f6f7f9; --panel: #ffffff; --text: #1c2330; --muted: #6b7385; --faint: #9aa1b1; --line: #e3e6ec; --line-strong: #d3d7df;
  --accent: #4f46e5; --accent-soft: #eef0ff; --hover: #f3f4fb; --selected: #e9ebff;
  --error: #d92d20; --error-soft: #fdecea; --warn: #b54708; --warn-soft: #fef4e6; --debug: #667085; --ok: #067647;
  --span: #7c8db5; --generation: #7c3aed; --event: #0e9384; --agent: #c11574; --tool: #dc6803; --chain: #2e90fa; --retriever: #15b79e;
  --embedding: #6172f3; --evaluator: #ca8504; --guardrail: #e04f16;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  --radius: 8px;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1218; --panel: #161a22; --text: #e6e8ee; --muted: #98a0b3; --faint: #6b7385; --line: #262c38; --line-strong: #333a48;
    --accent: #8b85ff; --accent-soft: #23244a; --hover: #1c2130; --selected: #262a4d; --error-soft: #3a1a17; --warn-soft: #3a2a12;
  }
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
button, input, select { font: inherit; color: inherit; }
.topbar { display: flex; align-items: center; gap: 20px; padding: 0 20px; height: 48px; background: var(--panel); border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 5; }
.brand { font-weight: 650; font-size: 15px; color: var(--text); display: flex; align-items: center; gap: 6px; }
.brand:hover { text-decoration: none; }
.brand-mark { color: var(--accent); }
.brand-sub { font-weight: 500; font-size: 11px; color: var(--muted); border: 1px solid var(--line-strong); border-radius: 10px; padding: 0 7px; }
.topnav a { color: var(--muted); font-weight: 500; }
.topbar-info { margin-left: auto; color: var(--muted); font-family: var(--mono); font-size: 12px; }
main { padding: 16px 20px 40px; max-width: 1600px; margin: 0 auto; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 10px; margin-bottom: 12px; }
.filters input, .filters select { height: 30px; border: 1px solid var(--line-strong); border-radius: 6px; padding: 0 8px; background: var(--panel); min-width: 0; }
.filters input:focus, .filters select:focus { outline: 2px solid var(--accent-soft); border-color: var(--accent); }
.filters .search { flex: 1 1 240px; }
.filters .field { width: 130px; }
.filters .live { display: flex; align-items: center; gap: 4px; color: var(--muted); margin-left: auto; }
.btn { height: 30px; padding: 0 12px; border-radius: 6px; border: 1px solid var(--line-strong); background: var(--panel); cursor: pointer; }
.btn:hover { background: var(--hover); }
.btn:disabled { opacity: .45; cursor: default; }
.btn-link { border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0 4px; }
.totals { display: flex; gap: 18px; align-items: baseline; padding: 10px 14px; margin-bottom: 12px; color: var(--muted); flex-wrap: wrap; }
.totals strong { color: var(--text); font-size: 15px; font-weight: 650; }
.totals .est { color: var(--accent); font-weight: 600; }
.totals .note { margin-left: auto; font-size: 12px; }
table.traces { width: 100%; border-collapse: collapse; }
.traces th { text-align: left; font-weight: 600; color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .04em; padding: 9px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; background: var(--panel); position: sticky; top: 48px; }
.traces td { padding: 8px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; max-width: 260px; overflow: hidden; text-overflow: ellipsis; vertical-align: middle; }
.traces tbody tr { cursor: pointer; }
.traces tbody tr:hover { background: var(--hover); }
.traces tbody tr:last-child td { border-bottom: 0; }
.traces .num { text-align: right; font-variant-numeric: tabular-nums; }
.traces .name a { color: var(--text); font-weight: 550; }
.traces .time { color: var(--muted); font-variant-numeric: tabular-nums; }
.traces .id { font-family: var(--mono); color: var(--faint); font-size: 11px; }
.muted { color: var(--muted); }
.faint { color: var(--faint); }
.tag { display: inline-block; padding: 0 7px; margin-right: 4px; border-radius: 10px; background: var(--accent-soft); color: var(--accent); font-size: 11px; line-height: 18px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 11px; font-weight: 600; line-height: 18px; }
.level-ERROR { background: var(--error-soft); color: var(--error); }
.level-WARNING { background: var(--warn-soft); color: var(--warn); }
.level-DEBUG { background: var(--hover); color: var(--debug); }
.level-DEFAULT { color: var(--faint); font-weight: 500; }
.sampled { color: var(--accent); font-weight: 600; }
.pager { display: flex; gap: 8px; justify-content: flex-end; align-items: center; margin-top: 12px; color: var(--muted); }
.empty { padding: 48px 24px; text-align: center; color: var(--muted); }
.empty h2 { color: var(--text); font-size: 16px; margin: 0 0 8px; }
.empty code, .code { font-family: var(--mono); background: var(--hover); padding: 1px 6px; border-radius: 4px; color: var(--text); }
.error-box { padding: 14px; border: 1px solid var(--error); background: var(--error-soft); color: var(--error); border-radius: var(--radius); }
.loading { padding: 40px; text-align: center; color: var(--muted); }
/* trace page */
.trace-head { padding: 14px 16px; margin-bottom: 12px; }
.trace-head .crumbs { color: var(--muted); margin-bottom: 4px; }
.trace-head h1 { font-size: 19px; margin: 0 0 8px; display: flex; align-items: center; gap: 10px; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--muted); }
.facts b { color: var(--text); font-weight: 600; }
.scores { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
.score { border: 1px solid var(--line-strong); border-radius: 12px; padding: 1px 10px; font-size: 12px; }
.score b { margin-left: 4px; }
.split { display: grid; grid-template-columns: minmax(420px, 5fr) minmax(380px, 6fr); gap: 12px; align-items: start; }
@media (max-width: 1000px) { .split { grid-template-columns: 1fr; } }
.wf-head { position: sticky; top: 0; background: var(--panel); z-index: 1; }
.wf-head, .wf-row { display: grid; grid-template-columns: minmax(180px, 44%) 1fr; align-items: center; }
.wf-head { border-bottom: 1px solid var(--line); color: var(--faint); font-size: 11px; height: 30px; }
.wf-head .wf-label { padding-left: 12px; text-transform: uppercase; letter-spacing: .04em; font-weight: 600; color: var(--muted); }
.wf-axis { position: relative; height: 100%; margin-right: 56px; }
.wf-tick { position: absolute; top: 8px; transform: translateX(-50%); white-space: nowrap; }
.wf-tick:first-child { transform: none; }
.wf-row { height: 30px; cursor: pointer; border-bottom: 1px solid var(--line); }
.wf-row:last-child { border-bottom: 0; }
.wf-row:hover { background: var(--hover); }
.wf-row.selected { background: var(--selected); }
.wf-label { display: flex; align-items: center; gap: 6px; overflow: hidden; white-space: nowrap; padding-right: 8px; }
.wf-name { overflow: hidden; text-overflow: ellipsis; }
.wf-row.lvl-ERROR .wf-name { color: var(--error); }
.wf-row.lvl-DEBUG .wf-name { color: var(--muted); }
.wf-guide { display: inline-block; width: 14px; flex: none; height: 30px; border-left: 1px solid var(--line-strong); margin-left: 6px; }
.wf-track { position: relative; height: 100%; margin-right: 56px; }
.wf-bar { position: absolute; top: 9px; height: 12px; border-radius: 3px; min-width: 2px; opacity: .85; }
.wf-ttft { position: absolute; left: 0; top: 0; bottom: 0; background: rgba(255, 255, 255, .45); border-radius: 3px 0 0 3px; }
.wf-dur { position: absolute; top: 7px; font-size: 11px; color: var(--muted); white-space: nowrap; padding-left: 6px; font-variant-numeric: tabular-nums; }
.type { display: inline-block; min-width: 34px; text-align: center; padding: 0 4px; border-radius: 4px; font-size: 10px; font-weight: 700; color: #fff; line-height: 16px; letter-spacing: .03em; flex: none; }
.t-span { background: var(--span); } .t-generation { background: var(--generation); } .t-event { background: var(--event); }
.t-agent { background: var(--agent); } .t-tool { background: var(--tool); } .t-chain { background: var(--chain); }
.t-retriever { background: var(--retriever); } .t-embedding { background: var(--embedding); } .t-evaluator { background: var(--evaluator); }
.t-guardrail { background: var(--guardrail); }
.waterfall { position: sticky; top: 60px; max-height: calc(100vh - 72px); overflow: auto; }
.detail { padding: 14px 16px; min-width: 0; }
.detail h2 { font-size: 16px; margin: 0 0 10px; display: flex; align-items: center; gap: 8px; }
.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin-bottom: 12px; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; overflow-wrap: anywhere; }
.status { padding: 8px 10px; border-radius: 6px; margin-bottom: 12px; white-space: pre-wrap; }
.status.level-DEFAULT, .status.level-DEBUG { background: var(--hover); color: var(--text); }
.section { margin-top: 14px; }
.section > h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 0 0 6px; font-weight: 650; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { border: 1px solid var(--line-strong); border-radius: 6px; padding: 2px 8px; font-size: 12px; }
.chip span { color: var(--muted); margin-right: 4px; }
pre.json, .text-block { margin: 0; padding: 10px 12px; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; font: 12px/1.5 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 480px; overflow: auto; }
.text-block { font-family: inherit; font-size: 13px; }
.j-key { color: #7c3aed; } .j-str { color: #067647; } .j-num { color: #1570ef; } .j-bool, .j-null { color: #c11574; }
@media (prefers-color-scheme: dark) { .j-key { color: #b692f6; } .j-str { color: #75e0a7; } .j-num { color: #84caff; } .j-bool, .j-null { color: #f670c7; } }
.chat { display: flex; flex-direction: column; gap: 8px; }
.msg { border: 1px solid var(--line); border-radius: 10px; padding: 8px 12px; max-width: 92%; background: var(--panel); }
.msg-role { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-bottom: 3px; }
.msg-body { white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.role-system { background: var(--bg); border-style: dashed; }
.msg.role-user { align-self: flex-end; background: var(--accent-soft); border-color: transparent; }
.msg.role-assistant { border-left: 3px solid var(--generation); }
.msg.role-tool, .msg.role-function { border-left: 3px solid var(--tool); font-family: var(--mono); font-size: 12px; }
.tool-call { margin-top: 6px; font: 12px/1.4 var(--mono); background: var(--bg); border-radius: 6px; padding: 6px 8px; }
.tool-call b { color: var(--tool); }
details.meta summary { cursor: pointer; color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .05em; font-weight: 650; }
details.meta[open] summary { margin-bottom: 6px; }
`;
