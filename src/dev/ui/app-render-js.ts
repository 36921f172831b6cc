/**
 * The viewer script's value rendering: syntax-highlighted pretty JSON, chat messages (OpenAI/Anthropic/GenAI shapes, tool calls) rendered as a conversation, type and level badges.
 *
 * Browser code kept as a string so the package needs no asset copying; it is plain ES2017 without
 * template literals (the string is a `String.raw` template). A test parses the assembled script.
 *
 * @module
 */

/** The viewer script's value rendering. */
export const APP_RENDER_JS = String.raw`// ---- values: pretty JSON and chat conversations ---------------------------------------------------
var MAX_HIGHLIGHT_CHARS = 200000;

function jsonInto(parent, value, indent) {
  if (value === null) { parent.appendChild(h("span", { class: "j-null", text: "null" })); return; }
  var type = typeof value;
  if (type === "string") { parent.appendChild(h("span", { class: "j-str", text: JSON.stringify(value) })); return; }
  if (type === "number") { parent.appendChild(h("span", { class: "j-num", text: String(value) })); return; }
  if (type === "boolean") { parent.appendChild(h("span", { class: "j-bool", text: String(value) })); return; }
  var pad = "\n" + "  ".repeat(indent + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) { append(parent, "[]"); return; }
    append(parent, "[");
    value.forEach(function (item, i) {
      append(parent, pad);
      jsonInto(parent, item, indent + 1);
      if (i < value.length - 1) append(parent, ",");
    });
    append(parent, "\n" + "  ".repeat(indent) + "]");
    return;
  }
  var keys = Object.keys(value);
  if (keys.length === 0) { append(parent, "{}"); return; }
  append(parent, "{");
  keys.forEach(function (key, i) {
    append(parent, pad);
    parent.appendChild(h("span", { class: "j-key", text: JSON.stringify(key) }));
    append(parent, ": ");
    jsonInto(parent, value[key], indent + 1);
    if (i < keys.length - 1) append(parent, ",");
  });
  append(parent, "\n" + "  ".repeat(indent) + "}");
}

function jsonBlock(value) {
  var pre = h("pre", { class: "json" });
  var text = JSON.stringify(value, null, 2);
  if (text && text.length > MAX_HIGHLIGHT_CHARS) pre.textContent = text;
  else jsonInto(pre, value, 0);
  return pre;
}

function isMessage(m) {
  return m !== null && typeof m === "object" && !Array.isArray(m) && typeof m.role === "string" &&
    ("content" in m || "tool_calls" in m || "parts" in m || "function_call" in m);
}

function asMessages(value) {
  if (Array.isArray(value) && value.length > 0 && value.every(isMessage)) return value;
  if (isMessage(value)) return [value];
  if (value && typeof value === "object") {
    if (Array.isArray(value.messages) && value.messages.length > 0 && value.messages.every(isMessage)) return value.messages;
    if (Array.isArray(value.choices) && value.choices.length > 0) {
      var fromChoices = value.choices.map(function (c) { return c && c.message; });
      if (fromChoices.every(isMessage)) return fromChoices;
    }
  }
  return null;
}

function contentNodes(content) {
  if (content === null || content === undefined) return [];
  if (typeof content === "string") {
    if (/^\s*[\[{]/.test(content)) { try { return [jsonBlock(JSON.parse(content))]; } catch (e) { /* plain text */ } }
    return [h("div", { class: "msg-body", text: content })];
  }
  if (Array.isArray(content)) {
    return content.map(function (part) {
      if (typeof part === "string") return h("div", { class: "msg-body", text: part });
      if (part && typeof part.text === "string") return h("div", { class: "msg-body", text: part.text });
      if (part && typeof part.content === "string") return h("div", { class: "msg-body", text: part.content });
      return jsonBlock(part);
    });
  }
  return [jsonBlock(content)];
}

function toolCallNode(call) {
  var fn = call && (call["function"] || call);
  var args = fn && fn.arguments !== undefined ? fn.arguments : fn && fn.input;
  var parsed = args;
  if (typeof args === "string") { try { parsed = JSON.parse(args); } catch (e) { parsed = args; } }
  return h("div", { class: "tool-call" }, h("b", { text: "→ " + ((fn && fn.name) || "tool call") }), typeof parsed === "string" ? " " + parsed : jsonBlock(parsed));
}

function conversation(messages) {
  return h("div", { class: "chat" }, messages.map(function (m) {
    var role = String(m.role).toLowerCase();
    var calls = Array.isArray(m.tool_calls) ? m.tool_calls : m.function_call ? [m.function_call] : [];
    return h("div", { class: "msg role-" + role.replace(/[^a-z_-]/g, "") },
      h("div", { class: "msg-role", text: role + (m.name ? " · " + m.name : "") }),
      contentNodes(m.content !== undefined ? m.content : m.parts),
      calls.map(toolCallNode));
  }));
}

function valueView(value) {
  if (value === null || value === undefined) return h("div", { class: "faint", text: "—" });
  var messages = asMessages(value);
  if (messages) return conversation(messages);
  if (typeof value === "string") return h("div", { class: "text-block", text: value });
  return jsonBlock(value);
}

function section(title, body) {
  return h("div", { class: "section" }, h("h3", { text: title }), body);
}

function typeBadge(type) {
  var label = { generation: "GEN", span: "SPAN", event: "EVENT", agent: "AGENT", tool: "TOOL", chain: "CHAIN", retriever: "RETR", embedding: "EMBED", evaluator: "EVAL", guardrail: "GUARD" }[type] || String(type).toUpperCase();
  return h("span", { class: "type t-" + type, title: type, text: label });
}

function levelBadge(level) {
  if (!level || level === "DEFAULT") return null;
  return h("span", { class: "badge level-" + level, text: level });
}
`;
