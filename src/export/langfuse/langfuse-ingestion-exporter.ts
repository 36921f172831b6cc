/**
 * `LangfuseIngestionExporter`: every record as events of the legacy batch ingestion API
 * (`POST {baseUrl}/api/public/ingestion`) for self-hosted Langfuse v2/v3 servers, in batches of at
 * most 3.5 MB. A 207 answer is read event by event: accepted events are never sent again, rejected
 * ones are logged with the server's message and counted (`export.langfuse.dropped.rejected`), and
 * per-event 429/5xx are retried alone. Counters count events (a local root adds a `trace-create`).
 *
 * @module
 */
import { TracewiseConfigError } from "../../config/config-error";
import type { ExporterContext } from "../exporter";
import { BatchEngine } from "../http/batch-engine";
import { HttpExporterBase, type ExporterRoutes, type HttpExporterOptions } from "../http/http-exporter-base";
import { createHttpSender } from "../http/http-sender";
import type { HttpTransport } from "../http/http-transport";
import { basicAuth, DEFAULT_LANGFUSE_BASE_URL } from "../otlp/otlp-target";
import { ingestionCodec } from "./ingestion-codec";
import { interpretIngestionResponse } from "./ingestion-response";

/** The ingestion API accepts request bodies up to this size. */
export const MAX_INGESTION_BATCH_BYTES = 3_500_000;

/** Options of {@link LangfuseIngestionExporter}. */
export interface LangfuseIngestionExporterOptions extends HttpExporterOptions {
  /** Langfuse public key. @default `LANGFUSE_PUBLIC_KEY` */
  readonly publicKey?: string;
  /** Langfuse secret key; never logged. @default `LANGFUSE_SECRET_KEY` */
  readonly secretKey?: string;
  /** Langfuse base URL. @default `LANGFUSE_BASE_URL`, else `https://cloud.langfuse.com` */
  readonly baseUrl?: string;
  /**
   * Send agent/tool/chain/retriever/evaluator/guardrail observations as `span-create` and embeddings
   * as `generation-create`, for servers that predate typed observations (they reject
   * the typed `agent-create`, `tool-create`, … events).
   * @default false
   */
  readonly typedSpansAsSpans?: boolean;
  /** Compress request bodies with gzip. @default true */
  readonly gzip?: boolean;
  /** Environment variables to read. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Exports to a Langfuse v2/v3 server through `/api/public/ingestion`.
 *
 * @example
 * const exporter = new LangfuseIngestionExporter({ publicKey, secretKey, baseUrl: "https://langfuse.internal" });
 */
export class LangfuseIngestionExporter extends HttpExporterBase {
  /** Counters are `export.langfuse.…`. */
  readonly name = "langfuse";
  /** The endpoint posted to. */
  readonly url: string;
  private readonly authorization: string;

  /** @param options - see {@link LangfuseIngestionExporterOptions}; throws `TracewiseConfigError` without keys. */
  constructor(private readonly options: LangfuseIngestionExporterOptions = {}) {
    const maxBatchBytes = options.maxBatchBytes ?? MAX_INGESTION_BATCH_BYTES;
    if (maxBatchBytes > MAX_INGESTION_BATCH_BYTES) {
      throw new TracewiseConfigError("maxBatchBytes", maxBatchBytes, `at most ${MAX_INGESTION_BATCH_BYTES} (the ingestion API's limit)`);
    }
    super({ ...options, maxBatchBytes });
    const env = options.env ?? process.env;
    const publicKey = options.publicKey ?? env.LANGFUSE_PUBLIC_KEY;
    const secretKey = options.secretKey ?? env.LANGFUSE_SECRET_KEY;
    if (publicKey === undefined || publicKey === "") throw new TracewiseConfigError("publicKey", publicKey, "a Langfuse public key (pk-lf-…)");
    if (secretKey === undefined || secretKey === "") throw new TracewiseConfigError("secretKey", "<redacted>", "a Langfuse secret key (sk-lf-…)");
    const base = (options.baseUrl ?? env.LANGFUSE_BASE_URL ?? DEFAULT_LANGFUSE_BASE_URL).replace(/\/+$/, "");
    this.url = `${base}/api/public/ingestion`;
    this.authorization = basicAuth(publicKey, secretKey);
  }

  protected createRoutes(context: ExporterContext, transport: HttpTransport): ExporterRoutes {
    const { resource } = context;
    const codec = ingestionCodec(
      {
        typedSpansAsSpans: this.options.typedSpansAsSpans ?? false,
        ...(resource.environment === undefined ? {} : { environment: resource.environment }),
        ...(resource.release === undefined ? {} : { release: resource.release }),
        ...(resource.version === undefined ? {} : { version: resource.version }),
      },
      context.sdk,
    );
    const send = createHttpSender(
      transport,
      {
        url: this.url,
        headers: {
          authorization: this.authorization,
          "content-type": "application/json",
          "user-agent": `${context.sdk.name}/${context.sdk.version}`,
          "x-langfuse-sdk-name": context.sdk.name,
          "x-langfuse-sdk-version": context.sdk.version,
        },
        gzip: this.options.gzip ?? true,
        timeoutMs: this.batch.requestTimeoutMs,
      },
      interpretIngestionResponse,
    );
    const engine = new BatchEngine(this.batch, {
      name: "langfuse",
      counterPrefix: "export.langfuse.",
      codec,
      send,
      logger: context.logger,
      counters: context.counters,
      errors: context.errors,
      ...(this.options.now === undefined ? {} : { now: this.options.now }),
      ...(this.options.random === undefined ? {} : { random: this.options.random }),
    });
    return { observations: engine, scores: engine };
  }
}
