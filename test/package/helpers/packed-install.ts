import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The repository root, from this file's location. */
export const REPO_ROOT = resolve(import.meta.dirname, "../../..");

/** One build of the package, packed and installed into a fresh app; shared by the shipped-package tests. */
export interface PackedInstall {
  /** Temporary folder holding everything below; removed by `cleanup()`. */
  readonly dir: string;
  /** The `.tgz` made by `npm pack`. */
  readonly tarball: string;
  /** A CommonJS app (`npm init -y` style package.json) with the tarball installed. */
  readonly cjsApp: string;
  /** An ES module app (`"type": "module"`) inside `cjsApp`, sharing its node_modules. */
  readonly esmApp: string;
  /** The installed package's own folder. */
  readonly installed: string;
  /** The installed package.json. */
  readonly manifest: { exports: Record<string, unknown>; peerDependencies?: Record<string, string>; bin: Record<string, string> };
  cleanup(): void;
}

/**
 * Environment for child processes: this machine's Tracewise, Langfuse and OpenTelemetry settings
 * removed, so nothing the developer or CI has set (or a collector on the default port) is used.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(TRACEWISE_|LANGFUSE_|OTEL_|NODE_ENV$|NODE_OPTIONS$|VITEST)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: "pipe", env: cleanEnv() });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * Builds the package with tsup into a temporary folder (the repository's `dist/` is left alone), packs
 * it with `npm pack` (so `files` decides what ships), and installs the tarball — with the optional peers
 * at the versions the repository tests against, and `reflect-metadata` — into a fresh app.
 */
export function packAndInstall(): PackedInstall {
  const dir = mkdtempSync(join(tmpdir(), "tracewise-package-"));
  const pkg = join(dir, "pkg");
  mkdirSync(pkg);
  run(process.execPath, [join(REPO_ROOT, "node_modules/tsup/dist/cli-default.js"), "--out-dir", join(pkg, "dist")], REPO_ROOT);
  for (const file of ["package.json", "README.md", "LICENSE"]) copyFileSync(join(REPO_ROOT, file), join(pkg, file));
  // prepack would rebuild from sources that are not in this copy; the build above is the same one.
  run(npm, ["pack", "--ignore-scripts", "--pack-destination", dir], pkg);
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`npm pack made no tarball in ${dir}`);

  const cjsApp = join(dir, "app");
  const esmApp = join(cjsApp, "esm");
  mkdirSync(esmApp, { recursive: true });
  writeFileSync(join(cjsApp, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
  writeFileSync(join(esmApp, "package.json"), JSON.stringify({ type: "module" }));
  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as PackedInstall["manifest"];
  const extras = [...Object.keys(manifest.peerDependencies ?? {}), "reflect-metadata"].map((name) => `${name}@${installedVersion(name)}`);
  // Install scripts are skipped: better-sqlite3 would otherwise compile from source (minutes) where no
  // prebuilt binary can be downloaded; its binary is taken from the repository's identical install.
  run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", join(dir, tarball), ...extras], cjsApp);
  const sqlite = join(cjsApp, "node_modules/better-sqlite3");
  if (existsSync(sqlite)) {
    const ours = installedVersion("better-sqlite3");
    const theirs = (JSON.parse(readFileSync(join(sqlite, "package.json"), "utf8")) as { version: string }).version;
    if (ours === theirs) {
      mkdirSync(join(sqlite, "build/Release"), { recursive: true });
      copyFileSync(join(REPO_ROOT, "node_modules/better-sqlite3/build/Release/better_sqlite3.node"), join(sqlite, "build/Release/better_sqlite3.node"));
    } else {
      run(npm, ["rebuild", "better-sqlite3"], cjsApp);
    }
  }
  const installed = join(cjsApp, "node_modules/tracewise");
  return {
    dir,
    tarball: join(dir, tarball),
    cjsApp,
    esmApp,
    installed,
    manifest: JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as PackedInstall["manifest"],
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Compiles `files` with the repository's TypeScript into `outDir`, resolving `tracewise` from the
 * installed package (its shipped .d.ts/.d.cts) the way a user's project does (`module: nodenext`).
 */
export function compileWithTsc(app: string, files: string[], outDir: string, compilerOptions: Record<string, unknown> = {}): void {
  const tsconfig = join(app, `tsconfig.${outDir.replace(/\W/g, "_")}.json`);
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        strict: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [join(REPO_ROOT, "node_modules/@types")],
        rootDir: app,
        outDir: join(app, outDir),
        ...compilerOptions,
      },
      files,
    }),
  );
  run(process.execPath, [join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", tsconfig], app);
}
