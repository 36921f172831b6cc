/**
 * The encoded form of each attribute key, made once per key: both span encoders write the same few
 * dozen keys on every span. Bounded, because metadata keys are the user's and could be unbounded; a
 * key past the bound is encoded on every use.
 *
 * @module
 */

/** Keys cached at most per cache. */
export const MAX_CACHED_KEYS = 4096;

/** `encode`, memoized per key up to {@link MAX_CACHED_KEYS} keys. */
export function keyCache<V>(encode: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = encode(key);
      if (cache.size < MAX_CACHED_KEYS) cache.set(key, value);
    }
    return value;
  };
}
