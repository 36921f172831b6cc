import type { ResolvedConfig } from "../config/resolve-config";
import { ConsoleExporter } from "./console/console-exporter";
import type { Exporter } from "./exporter";

/**
 * The exporters used when none is given: the console tree. (Langfuse keys or an OTLP endpoint select
 * the OTLP exporter once delivery is configured.)
 */
export function chooseDefaultExporters(config: ResolvedConfig): Exporter[] {
  void config;
  return [new ConsoleExporter()];
}
