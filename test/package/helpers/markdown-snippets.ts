import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A ```ts block of a Markdown file, with what its `<!-- ts-check: … -->` comment says about it. */
export interface Snippet {
  /** `README.md:25`: the file and the line of the opening fence. */
  readonly where: string;
  readonly code: string;
  /** Code prepended before compiling (imports and `declare`s the snippet assumes), if any. */
  readonly context: string;
  /** `<!-- ts-check: commonjs -->`: compiled as a CommonJS module (no top-level await). */
  readonly commonjs: boolean;
  /** `<!-- ts-check: skip -->`: intentionally partial, not compiled. */
  readonly skip: boolean;
}

/**
 * Every ```ts block of README.md and docs/*.md. The line right before a block may be a
 * `<!-- ts-check: … -->` comment: `skip`, `commonjs`, or TypeScript declarations the snippet assumes.
 */
export function markdownSnippets(root: string): Snippet[] {
  const files = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  const snippets: Snippet[] = [];
  for (const file of files) {
    const lines = readFileSync(join(root, file), "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? "")) continue;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ""); i++) body.push(lines[i] ?? "");
      const marker = /^<!--\s*ts-check:\s*([\s\S]*?)\s*-->\s*$/.exec(lines[start - 1] ?? "")?.[1] ?? "";
      snippets.push({
        where: `${file}:${start + 1}`,
        code: body.join("\n"),
        context: marker === "skip" || marker === "commonjs" ? "" : marker,
        commonjs: marker === "commonjs",
        skip: marker === "skip" || marker.startsWith("skip "),
      });
    }
  }
  return snippets;
}
