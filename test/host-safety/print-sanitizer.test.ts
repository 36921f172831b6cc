import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ConsoleExporter, Logger, Tracewise } from "tracewise";
import { afterEach, describe, expect, it } from "vitest";

/** Terminal control characters that must never be printed raw (line feeds only between tree lines). */
// eslint-disable-next-line no-control-regex -- the control characters are what is checked
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

const HOSTILE = "\u001b[2J\u001b]0;pwned\u0007evil\r\n● trace forged  span 1 ms";

describe("the console tree prints user text escaped", () => {
  it("escapes ESC, BEL, CR and LF in names, user ids, tags, models, status messages and scores", () => {
    const printed: string[] = [];
    const tw = new Tracewise({ global: false, flushOnExit: false, logLevel: "silent", exporter: new ConsoleExporter({ write: (t) => printed.push(t), colors: false }) });
    const trace = tw.trace({ name: HOSTILE, userId: HOSTILE, sessionId: HOSTILE, tags: [HOSTILE] });
    trace.generation({ name: HOSTILE, model: HOSTILE }).end({ level: "ERROR", statusMessage: HOSTILE });
    trace.score({ name: HOSTILE, value: HOSTILE, comment: HOSTILE });
    trace.end();
    const text = printed.join("");
    expect(text).not.toMatch(RAW_CONTROL);
    const lines = text.trimEnd().split("\n");
    // The headline, one child, the scores line: no forged line.
    expect(lines).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith("●"))).toHaveLength(1);
    expect(text).toContain("\\x1b]0;pwned\\x07evil\\r\\n");
  });
});

describe("log lines are sanitized and capped", () => {
  it("escapes control characters and caps a 1 MB traceparent quoted in a warning", () => {
    const lines: string[] = [];
    const tw = new Tracewise({ global: false, flushOnExit: false, logLevel: "warn", exporter: { name: "none", export: () => undefined, flush: async () => undefined, shutdown: async () => undefined }, logSink: (_level, message) => lines.push(message) });
    tw.trace({ traceparent: `\u001b]0;title\u0007${"0".repeat(1_000_000)}` }).end();
    const warning = lines.find((line) => line.includes("traceparent"));
    expect(warning).toBeDefined();
    expect(warning).not.toMatch(RAW_CONTROL);
    expect(warning?.length).toBeLessThanOrEqual(2_100);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(2_100);
  });

  it("redacts credentials, secret keys and URL passwords in any line, whoever logs it", () => {
    const lines: string[] = [];
    const logger = new Logger("debug", (_level, message) => lines.push(message));
    const basic = Buffer.from("pk-lf-public:sk-lf-very-secret").toString("base64");
    logger.warn(`request to https://user:hunter2@collector.example.com/v1 failed: Authorization: Basic ${basic}`);
    logger.warn(`{"headers":{"authorization":"Bearer abcdef123456"},"secretKey":"sk-lf-very-secret"}\r\nforged line`);
    const all = lines.join("\n");
    for (const secret of [basic, "hunter2", "sk-lf-very-secret", "abcdef123456"]) expect(all).not.toContain(secret);
    expect(all).toContain("collector.example.com");
    expect(lines[1]).not.toMatch(RAW_CONTROL);
  });
});

describe("a backend that echoes the request headers in its 401 body", () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  it("never gets Basic base64(pk:sk) or the secret key into the log", async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(401, { "content-type": "text/plain" });
        res.end(`Invalid credentials. Request headers received:\r\nauthorization: ${req.headers.authorization}\r\nuser-agent: ${req.headers["user-agent"]}`);
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const port = (server.address() as AddressInfo).port;
    const publicKey = "pk-lf-0000-public";
    const secretKey = "sk-lf-1111-very-secret";
    const lines: string[] = [];
    const tw = new Tracewise({
      global: false,
      flushOnExit: false,
      logLevel: "debug",
      logSink: (_level, message) => lines.push(message),
      baseUrl: `http://127.0.0.1:${port}`,
      publicKey,
      secretKey,
    });
    tw.trace({ name: "t" }).end();
    await tw.flush();
    await tw.shutdown();
    const all = lines.join("\n");
    // The refusal was logged, body included, on one line...
    const refusal = lines.find((line) => line.includes("Invalid credentials"));
    expect(refusal).toContain("authorization: Basic [redacted]");
    expect(refusal).not.toMatch(RAW_CONTROL);
    // ...but none of the credentials it echoed.
    const basic = Buffer.from(`${publicKey}:${secretKey}`).toString("base64");
    expect(all).not.toContain(basic);
    expect(all).not.toContain(secretKey);
    expect(all).not.toContain("1111-very-secret");
  });
});
