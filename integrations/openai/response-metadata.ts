import { asString, definedOnly } from "../shared/read-fields";

/**
 * Response facts kept as metadata: response id, finish reason(s), system fingerprint and service
 * tier. Shared by plain and streamed chat and legacy completions.
 *
 * @param completion - the completion, or the first chunk of a stream.
 * @param finishReasons - the finish reason of each choice, in choice order.
 */
export function responseMetadata(completion: Readonly<Record<string, unknown>>, finishReasons: readonly unknown[]): Record<string, unknown> {
  const reasons = finishReasons.filter((r) => r !== undefined && r !== null);
  return definedOnly({
    responseId: asString(completion.id),
    finishReason: reasons.length === 0 ? undefined : reasons.length === 1 ? reasons[0] : reasons,
    systemFingerprint: asString(completion.system_fingerprint),
    serviceTier: asString(completion.service_tier),
  });
}
