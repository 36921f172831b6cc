/**
 * Acceptance intervals for the sampling tests' counts, stated once: a binomial count n·p ± z·√(n·p·(1−p))
 * (normal approximation; every test keeps n·p ≥ 100, where it is accurate) at a two-sided false-failure
 * probability of 1 in 1,000,000 per interval (z = 4.8916). The seven intervals of the suite make a
 * correct sampler fail a run about once in 140,000 runs (at 99.9 % it was once in 140), and they stay
 * narrow enough to catch a wrong rate (at n = 100,000 and p = 0.5: ±0.77 %).
 */

/** z for a two-sided probability of 10⁻⁶ of a correct count falling outside the interval. */
export const Z_ONE_IN_A_MILLION = 4.8916;

/** The [low, high] interval of a binomial count of `n` trials at probability `p`. */
export function binomialInterval(n: number, p: number): [number, number] {
  const sd = Math.sqrt(n * p * (1 - p));
  return [n * p - Z_ONE_IN_A_MILLION * sd, n * p + Z_ONE_IN_A_MILLION * sd];
}
