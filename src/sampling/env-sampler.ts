import type { Env } from "../config/env";
import type { Logger } from "../diag/logger";
import { ParentBasedSampler } from "./parent-based-sampler";
import { ProbabilitySampler } from "./probability-sampler";
import type { Sampler } from "./sampler";
import { AlwaysOffSampler, AlwaysOnSampler } from "./static-samplers";

/** The `OTEL_TRACES_SAMPLER` values Tracewise understands. */
export const OTEL_SAMPLER_NAMES = [
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
] as const;

/**
 * The sampler named by `OTEL_TRACES_SAMPLER` (case-insensitive) and `OTEL_TRACES_SAMPLER_ARG`, as the
 * OpenTelemetry specification defines them. An unknown sampler name is logged once and ignored
 * (undefined); a ratio argument that is missing or not in [0, 1] is logged and the ratio is 1.0.
 */
export function samplerFromOtelEnv(env: Env, logger: Logger): Sampler | undefined {
  const raw = env.OTEL_TRACES_SAMPLER?.trim();
  if (raw === undefined || raw === "") return undefined;
  const name = raw.toLowerCase();
  switch (name) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return new ProbabilitySampler(ratioArg(env, logger));
    case "parentbased_always_on":
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: new ProbabilitySampler(ratioArg(env, logger)) });
    default:
      logger.once("warn", "env:OTEL_TRACES_SAMPLER", `ignoring OTEL_TRACES_SAMPLER="${raw}": expected one of ${OTEL_SAMPLER_NAMES.join(", ")}`);
      return undefined;
  }
}

function ratioArg(env: Env, logger: Logger): number {
  const raw = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  if (raw === undefined || raw === "") return 1;
  const value = Number(raw);
  if (Number.isFinite(value) && value >= 0 && value <= 1) return value;
  logger.once("warn", "env:OTEL_TRACES_SAMPLER_ARG", `ignoring OTEL_TRACES_SAMPLER_ARG="${raw}": expected a number from 0 to 1; using 1.0`);
  return 1;
}
