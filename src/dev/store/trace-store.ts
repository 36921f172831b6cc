/**
 * The collector's SQLite store: one file (`traces.db`) in the given directory, WAL mode, schema
 * created on first open and checked on every later one. All writes of one request run in one
 * transaction, so a request that fails leaves the store as it was.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Database } from "better-sqlite3";
import { loadSqlite } from "./load-sqlite";
import type { WriteBatch } from "./rows";
import { PRAGMAS, SCHEMA_SQL, SCHEMA_VERSION } from "./schema";
import { StoreWriter, StoreWriteError } from "./store-writer";
import type { TraceCursor, TraceFilter } from "./trace-filter";
import { listTraces, type TraceFacets, traceDetail, traceFacets, type TracePage, traceTotals } from "./trace-queries";
import type { TraceDetail, TraceTotals } from "./trace-views";

/** File name of the database inside the store directory. */
export const DATABASE_FILE = "traces.db";

/** Rows sampled per index when refreshing planner statistics (bounds the time `optimize` takes). */
const ANALYSIS_LIMIT = 1000;

/** The outcome of one item of {@link TraceStore.writeEach}. */
export type ItemResult = { ok: true } | { ok: false; status: number; message: string };

/** The collector's trace store. Open it with {@link openTraceStore}. */
export class TraceStore {
  readonly #db: Database;
  readonly #writer: StoreWriter;
  /** Absolute path of the database file. */
  readonly path: string;

  /** @internal use {@link openTraceStore} */
  constructor(db: Database, path: string) {
    this.#db = db;
    this.path = path;
    this.#writer = new StoreWriter(db);
  }

  /** Applies a batch atomically: all of it or (on any error, which is rethrown) none of it. */
  write(batch: WriteBatch): void {
    this.#db.transaction(() => this.#writer.write(batch))();
  }

  /**
   * Applies several batches in one transaction, each in its own savepoint: a failing item is rolled
   * back and reported, the others are kept (the legacy ingestion API's per-event semantics).
   */
  writeEach(batches: readonly WriteBatch[]): ItemResult[] {
    const one = this.#db.transaction((batch: WriteBatch) => this.#writer.write(batch));
    return this.#db.transaction(() =>
      batches.map((batch): ItemResult => {
        try {
          one(batch);
          return { ok: true };
        } catch (error) {
          const status = error instanceof StoreWriteError ? 400 : 500;
          return { ok: false, status, message: (error as Error).message };
        }
      }),
    )();
  }

  /** A page of the trace list. */
  list(filter: TraceFilter, limit: number, cursor?: TraceCursor): TracePage {
    return listTraces(this.#db, filter, limit, cursor);
  }

  /** Totals over the filtered traces. */
  totals(filter: TraceFilter): TraceTotals {
    return traceTotals(this.#db, filter);
  }

  /** Names and tags for the filter inputs. */
  facets(): TraceFacets {
    return traceFacets(this.#db);
  }

  /** One trace, or undefined. */
  trace(id: string): TraceDetail | undefined {
    return traceDetail(this.#db, id);
  }

  /** Number of stored traces. */
  count(): number {
    return this.#db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM traces").get()?.n ?? 0;
  }

  /** Runs SQLite's integrity check; "ok" when the file is sound. */
  integrityCheck(): string {
    return String(this.#db.pragma("integrity_check", { simple: true }));
  }

  /** Refreshes the query planner's statistics where they are stale (cheap when nothing changed). */
  optimize(): void {
    if (this.#db.open) this.#db.pragma("optimize");
  }

  /** Closes the database (updating planner statistics and checkpointing the WAL). Idempotent. */
  close(): void {
    if (!this.#db.open) return;
    this.optimize();
    this.#db.close();
  }
}

/**
 * Opens (creating if needed) the store in `dir`.
 * @throws SqliteDriverMissingError when `better-sqlite3` is not installed
 * @throws Error when the file was created by an incompatible schema version
 */
export async function openTraceStore(dir: string): Promise<TraceStore> {
  const Sqlite = await loadSqlite();
  const absolute = resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const path = join(absolute, DATABASE_FILE);
  const db = new Sqlite(path);
  try {
    for (const pragma of PRAGMAS) db.pragma(pragma);
    const version = Number(db.pragma("user_version", { simple: true }));
    if (version !== 0 && version !== SCHEMA_VERSION) {
      throw new Error(`${path} was written by an incompatible Tracewise version (schema ${version}, expected ${SCHEMA_VERSION}); use another --dir or delete it`);
    }
    db.exec(SCHEMA_SQL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    // Bounded statistics refresh for a long-lived connection, as SQLite recommends at open.
    db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
    db.pragma("optimize = 0x10002");
    return new TraceStore(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
}
