/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), headless, with the flags
 * this closed network needs, in a fresh profile directory.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Where Debian installs Chromium (`apt-get install -y chromium`). */
export const CHROMIUM = "/usr/bin/chromium";

/** True when the browser is installed. */
export const chromiumAvailable = existsSync(CHROMIUM);

/** A launched browser page and how to close it. */
export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Errors the page reported (uncaught exceptions and console errors). */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium in a fresh profile and opens one page. */
export async function launchBrowser(): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), "tracewise-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1440, height: 900 },
    colorScheme: "light",
    locale: "en-US",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (msg) => {
    if (msg.type() === "error") pageErrors.push(msg.text());
  });
  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
