import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

describe("the repository is hermetic", () => {
  it("no tracked file names the absolute path of this checkout or of the folder around it", () => {
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter((f) => f !== "");
    expect(files.length).toBeGreaterThan(50);
    // The checkout's parent holds ../shared (the design docs and reference files tests read).
    const needles = [ROOT, dirname(ROOT) + "/shared"];
    const offenders = files.filter((file) => {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), "utf8");
      } catch {
        return false; // deleted in the work tree
      }
      return needles.some((needle) => text.includes(needle));
    });
    expect(offenders).toEqual([]);
  });
});
