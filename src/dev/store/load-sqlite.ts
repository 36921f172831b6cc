/**
 * Loads the optional SQLite driver `better-sqlite3` on demand, so the SDK installs and runs without
 * it; only the local collector needs it.
 *
 * @module
 */
import type BetterSqlite3 from "better-sqlite3";

/** The `better-sqlite3` constructor. */
export type SqliteConstructor = typeof BetterSqlite3;

/** Thrown when the driver is not installed; its message says how to install it. */
export class SqliteDriverMissingError extends Error {
  constructor(cause: unknown) {
    super(
      "The local collector stores traces with SQLite and needs the optional dependency 'better-sqlite3', " +
        "which is not installed (or failed to build). Install it with: npm install better-sqlite3",
      { cause },
    );
    this.name = "SqliteDriverMissingError";
  }
}

let loaded: Promise<SqliteConstructor> | undefined;

/** Imports `better-sqlite3` once; rejects with {@link SqliteDriverMissingError} when it is missing. */
export function loadSqlite(): Promise<SqliteConstructor> {
  loaded ??= import("better-sqlite3").then(
    (mod) => ((mod as { default?: SqliteConstructor }).default ?? (mod as unknown as SqliteConstructor)),
    (error: unknown) => {
      loaded = undefined;
      throw new SqliteDriverMissingError(error);
    },
  );
  return loaded;
}
