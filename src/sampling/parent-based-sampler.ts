import { keepsWith, probabilityOf } from "./consistent-probability";
import type { Sampler, SamplerContext, SamplerParent, SamplingResult } from "./sampler";

/** Delegates for each parent situation; only `root` is required. */
export interface ParentBasedSamplerOptions {
  /** Decides traces without a parent. */
  readonly root: Sampler;
  /** A remote parent that was sampled. @default FollowParentSampler */
  readonly remoteParentSampled?: Sampler;
  /** A remote parent that was not sampled. @default FollowParentSampler */
  readonly remoteParentNotSampled?: Sampler;
  /** A local parent that was sampled. @default FollowParentSampler */
  readonly localParentSampled?: Sampler;
  /** A local parent that was not sampled. @default FollowParentSampler */
  readonly localParentNotSampled?: Sampler;
}

const DROP: SamplingResult = { sampled: false, probability: 0 };

/**
 * The parent's decision, as `@opentelemetry/sampler-composite`'s `ComposableParentThresholdSampler`
 * takes it: a parent that sent a valid `ot=th` threshold is followed by applying that threshold to the
 * trace's randomness (so every service of the trace agrees, whatever a non-conforming caller's flag
 * says) and the threshold is passed on; otherwise the parent's sampled flag decides, with probability
 * 1 and no threshold (nothing tells what the parent's probability was).
 */
export function followParent(parent: SamplerParent, randomness: string): SamplingResult {
  if (parent.threshold !== undefined) {
    return keepsWith(randomness, parent.threshold)
      ? { sampled: true, probability: probabilityOf(parent.threshold), threshold: parent.threshold }
      : DROP;
  }
  return parent.sampled ? { sampled: true, probability: 1 } : DROP;
}

/** Follows the parent's decision (`followParent`); the default delegate of {@link ParentBasedSampler}. */
export class FollowParentSampler implements Sampler {
  /** @returns the parent's decision; a drop without a parent. */
  shouldSample(context: SamplerContext): SamplingResult {
    return context.parent === undefined ? DROP : followParent(context.parent, context.randomness);
  }

  /** @returns `FollowParent`. */
  toString(): string {
    return "FollowParent";
  }
}

const FOLLOW_PARENT = new FollowParentSampler();

/**
 * Follows the parent's decision and uses `root` for traces that start here, with the parent semantics
 * of OpenTelemetry's consistent sampling (`ComposableParentThresholdSampler`, see `followParent`),
 * so a distributed trace is kept or dropped whole. A delegate given for a parent situation replaces
 * that rule there.
 */
export class ParentBasedSampler implements Sampler {
  private readonly root: Sampler;
  private readonly remoteSampled: Sampler;
  private readonly remoteNotSampled: Sampler;
  private readonly localSampled: Sampler;
  private readonly localNotSampled: Sampler;

  /** @param options - the delegates. */
  constructor(options: ParentBasedSamplerOptions) {
    this.root = options.root;
    this.remoteSampled = options.remoteParentSampled ?? FOLLOW_PARENT;
    this.remoteNotSampled = options.remoteParentNotSampled ?? FOLLOW_PARENT;
    this.localSampled = options.localParentSampled ?? FOLLOW_PARENT;
    this.localNotSampled = options.localParentNotSampled ?? FOLLOW_PARENT;
  }

  /** Delegates by the parent's situation. */
  shouldSample(context: SamplerContext): SamplingResult {
    const parent = context.parent;
    if (parent === undefined) return this.root.shouldSample(context);
    const delegate = parent.isRemote
      ? parent.sampled ? this.remoteSampled : this.remoteNotSampled
      : parent.sampled ? this.localSampled : this.localNotSampled;
    return { ...delegate.shouldSample(context), followedParent: true };
  }

  /** @returns a description of the delegates. */
  toString(): string {
    return `ParentBased{root=${this.root.toString()}, remoteParentSampled=${this.remoteSampled.toString()}, remoteParentNotSampled=${this.remoteNotSampled.toString()}, localParentSampled=${this.localSampled.toString()}, localParentNotSampled=${this.localNotSampled.toString()}}`;
  }
}
