/**
 * The whole local flow, as a user meets it: an app traced with the SDK, zero-config exporter that finds
 * the local collector, then the viewer in a real headless Chromium showing the SDK's trace (and not the
 * trace that sampling dropped). Saves a screenshot to test-artifacts/viewer-sdk-trace.png.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalOrConsoleExporter, observe, scoreCurrentTrace, Tracewise, updateCurrentObservation, updateCurrentTrace } from "tracewise";
import { type BrowserSession, CHROMIUM, chromiumAvailable, launchBrowser } from "./helpers/browser";
import { type CollectorFixture, startFixture } from "./helpers/collector-fixture";

const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts");
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 50 });
if (!chromiumAvailable) console.warn(`viewer SDK test: ${CHROMIUM} is missing; skipped outside CI`);

describe.skipIf(!chromiumAvailable && !process.env.CI)("SDK → local collector → viewer", () => {
  let fx: CollectorFixture;
  let browser: BrowserSession;
  let keptTraceId = "";
  const announced: string[] = [];

  beforeAll(async () => {
    fx = await startFixture();
    const tw = new Tracewise({
      exporter: new LocalOrConsoleExporter({ url: fx.collector.url, announce: (line) => announced.push(line) }),
      tracesSampler: (ctx) => ctx.name !== "health-check",
      flushOnExit: false,
      logLevel: "silent",
    });
    class SupportAgent {
      @observe({ asType: "tool" })
      async lookupOrder(id: string): Promise<{ id: string; eta: string }> {
        if (id === "0") throw new Error("order service unavailable");
        return { id, eta: "Friday" };
      }

      @observe({ name: "answer", asType: "generation" })
      async answer(question: string, eta: string): Promise<{ role: string; content: string }> {
        updateCurrentObservation({ model: "gpt-4o-mini", modelParameters: { temperature: 0.2 }, usageDetails: { input: 42, output: 9 }, costDetails: { total: 0.000012 } });
        updateCurrentObservation({ input: [{ role: "system", content: "You are a support agent." }, { role: "user", content: question }] });
        return { role: "assistant", content: `Your order will arrive on ${eta}.` };
      }

      @observe({ asType: "agent" })
      async handle(question: string): Promise<string> {
        updateCurrentTrace({ userId: "sdk-user", sessionId: "sdk-session", tags: ["sdk-e2e"] });
        await this.lookupOrder("0").catch(() => undefined);
        const order = await this.lookupOrder("1234");
        const reply = await this.answer(question, order.eta);
        scoreCurrentTrace({ name: "resolved", value: true });
        return reply.content;
      }
    }
    const agent = new SupportAgent();
    keptTraceId = await observe(async function sdkSupport() {
      await agent.handle("Where is my order #1234?");
      return (await import("tracewise")).getCurrentTraceId() ?? "";
    }, { client: tw })();
    await observe(async function healthCheck() {}, { client: tw, name: "health-check" })();
    await tw.shutdown();
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.cleanup();
  });

  it("the zero-config exporter found the collector and said so", () => {
    expect(announced).toHaveLength(1);
    expect(announced[0]).toContain(`exporting traces to the local collector at ${fx.collector.url}`);
  });

  it("lists the SDK's kept traces and not the dropped one", async () => {
    const { page } = browser;
    await page.goto(fx.collector.url);
    await poll(() => page.locator(`tr[data-trace-id="${keptTraceId}"]`).count()).toBe(1);
    expect(await page.locator("table.traces").innerText()).not.toContain("health-check");
  });

  it("opens the SDK trace: tree, the failing tool, and the generation's conversation", async () => {
    const { page, pageErrors } = browser;
    await page.goto(`${fx.collector.url}/#/trace/${keptTraceId}`);
    const rows = page.locator("#waterfall .wf-row");
    await poll(() => rows.locator(".wf-name").allInnerTexts()).toContain("answer");
    expect(await rows.locator(".wf-name").allInnerTexts()).toEqual(["sdkSupport", "SupportAgent.handle", "SupportAgent.lookupOrder", "SupportAgent.lookupOrder", "answer"]);
    // The score travelled through the collector's ingestion API, not as a span.
    await poll(() => page.locator(".trace-head .scores").innerText()).toContain("resolved");
    await rows.filter({ hasText: "answer" }).click();
    const detail = page.locator("#observation-detail");
    await poll(() => detail.locator(".msg").count()).toBe(3);
    expect(await detail.locator(".msg.role-user .msg-body").first().innerText()).toContain("Where is my order #1234?");
    expect(await detail.locator(".msg.role-assistant").last().innerText()).toContain("arrive on Friday");
    expect(await detail.locator(".kv").innerText()).toContain("gpt-4o-mini");
    await page.screenshot({ path: join(ARTIFACTS, "viewer-sdk-trace.png"), fullPage: true });
    await rows.filter({ hasText: "lookupOrder" }).first().click();
    await poll(() => detail.locator(".status").innerText()).toContain("order service unavailable");
    expect(pageErrors).toEqual([]);
  });
});
