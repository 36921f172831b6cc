import OpenAI from "openai";
import { Stream } from "openai/streaming";
import { VERSION as VERSION_6 } from "openai/version";
import OpenAI4 from "openai-v4";
import { Stream as Stream4 } from "openai-v4/streaming";
import { VERSION as VERSION_4 } from "openai-v4/version";
import OpenAI5 from "openai-v5";
import { Stream as Stream5 } from "openai-v5/streaming";
import { VERSION as VERSION_5 } from "openai-v5/version";

/** The chat completions resource as the tests use it (typed as the newest SDK's). */
export type ChatCompletions = OpenAI["chat"]["completions"];

/**
 * One major version of the `openai` SDK under test. The wrapper promises to work on every major from 4
 * by relying only on the shapes they share, so the integration tests run against each of them: openai@6
 * as `openai`, and the older majors installed side by side as the npm aliases `openai-v4` and
 * `openai-v5`.
 *
 * Every constructor is typed as the newest SDK's: the tests call only what the three share at run time
 * (where a major lacks something, the test says so and skips, or goes through {@link chatHelpers}).
 */
export interface OpenAISdk {
  /** `openai@<version>`, for test names. */
  readonly label: string;
  readonly major: 4 | 5 | 6;
  /** The SDK's `OpenAI` client class (its error classes are static members, as in every major). */
  readonly OpenAI: typeof OpenAI;
  /** The SDK's `Stream` class, which streamed calls must still return. */
  readonly Stream: typeof Stream;
}

function sdk(major: OpenAISdk["major"], version: string, client: unknown, stream: unknown): OpenAISdk {
  return { label: `openai@${version}`, major, OpenAI: client as typeof OpenAI, Stream: stream as typeof Stream };
}

/** openai 4, 5 and 6, oldest first. */
export const OPENAI_SDKS: readonly OpenAISdk[] = [
  sdk(4, VERSION_4, OpenAI4, Stream4),
  sdk(5, VERSION_5, OpenAI5, Stream5),
  sdk(6, VERSION_6, OpenAI, Stream),
];

/** The newest SDK (for tests that do not depend on the version). */
export const NEWEST_SDK = OPENAI_SDKS.at(-1) as OpenAISdk;

/**
 * Where a client keeps the chat helpers (`parse`, `stream`, `runTools`): openai 4 has them on
 * `beta.chat.completions` only; 5 moved them to `chat.completions`.
 */
export function chatHelpersPath(sdkUnderTest: OpenAISdk): string {
  return sdkUnderTest.major === 4 ? "beta.chat.completions" : "chat.completions";
}

/** The chat helpers of `client` (see {@link chatHelpersPath}). */
export function chatHelpers(sdkUnderTest: OpenAISdk, client: OpenAI): ChatCompletions {
  if (sdkUnderTest.major !== 4) return client.chat.completions;
  return (client as unknown as { beta: { chat: { completions: ChatCompletions } } }).beta.chat.completions;
}
