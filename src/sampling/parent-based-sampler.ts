import { AlwaysOffSampler, AlwaysOnSampler } from "./static-samplers";
import type { Sampler, SamplerContext, SamplingResult } from "./sampler";

/** Delegates for each parent situation; only `root` is required. */
export interface ParentBasedSamplerOptions {
  /** Decides traces without a parent. */
  readonly root: Sampler;
  /** A remote parent that was sampled. @default AlwaysOnSampler */
  readonly remoteParentSampled?: Sampler;
  /** A remote parent that was not sampled. @default AlwaysOffSampler */
  readonly remoteParentNotSampled?: Sampler;
  /** A local parent that was sampled. @default AlwaysOnSampler */
  readonly localParentSampled?: Sampler;
  /** A local parent that was not sampled. @default AlwaysOffSampler */
  readonly localParentNotSampled?: Sampler;
}

/**
 * Follows the parent's decision and uses `root` for traces that start here, as OpenTelemetry's
 * `ParentBased` sampler. With the defaults, a trace continued from a sampled caller is kept with the
 * caller's recorded probability, so the whole distributed trace is kept or dropped together.
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
    this.remoteSampled = options.remoteParentSampled ?? new AlwaysOnSampler();
    this.remoteNotSampled = options.remoteParentNotSampled ?? new AlwaysOffSampler();
    this.localSampled = options.localParentSampled ?? new AlwaysOnSampler();
    this.localNotSampled = options.localParentNotSampled ?? new AlwaysOffSampler();
  }

  /** Delegates by the parent's situation. */
  shouldSample(context: SamplerContext): SamplingResult {
    const parent = context.parent;
    if (parent === undefined) return this.root.shouldSample(context);
    const delegate = parent.isRemote
      ? parent.sampled ? this.remoteSampled : this.remoteNotSampled
      : parent.sampled ? this.localSampled : this.localNotSampled;
    const result = delegate.shouldSample(context);
    // A kept child of a parent kept with probability p represents 1/p traces, like the parent.
    const inherited = result.sampled && parent.sampled && parent.sampleRate !== undefined && delegate instanceof AlwaysOnSampler
      ? { sampled: true, probability: parent.sampleRate }
      : result;
    return { ...inherited, followedParent: true };
  }

  /** @returns a description of the delegates. */
  toString(): string {
    return `ParentBased{root=${this.root.toString()}, remoteParentSampled=${this.remoteSampled.toString()}, remoteParentNotSampled=${this.remoteNotSampled.toString()}, localParentSampled=${this.localSampled.toString()}, localParentNotSampled=${this.localNotSampled.toString()}}`;
  }
}
