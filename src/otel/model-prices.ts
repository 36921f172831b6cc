import type { CostDetails, UsageDetails } from "tracewise";

/**
 * Prices of one model in USD per million tokens, by usage key: `input`, `output`,
 * `input_cached_tokens`, `output_reasoning_tokens`, … A detail key without its own price is charged at
 * its parent's price (`output_reasoning_tokens` at `output`). The same shape as `tracewise/openai`'s.
 */
export type TokenPrices = Readonly<Record<string, number>>;

/** Token prices by model name (the name the response reported, or the one requested). */
export type ModelPrices = Readonly<Record<string, TokenPrices>>;

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/**
 * The cost of a call from its usage and the user's prices: one entry per priced key and their sum as
 * `total`. Without prices for the model there is no cost, and the backend may compute its own.
 */
export function costOf(usage: UsageDetails | undefined, prices: ModelPrices | undefined, models: readonly (string | undefined)[]): CostDetails | undefined {
  if (usage === undefined || prices === undefined) return undefined;
  const model = models.find((m) => m !== undefined && Object.prototype.hasOwnProperty.call(prices, m));
  const table = model === undefined ? undefined : prices[model];
  if (table === undefined) return undefined;
  const cost: CostDetails = {};
  let total = 0;
  for (const [key, tokens] of Object.entries(usage)) {
    if (key === "total") continue;
    const price = priceOf(table, key);
    if (price === undefined) continue;
    cost[key] = (tokens * price) / TOKENS_PER_PRICE_UNIT;
    total += cost[key];
  }
  if (Object.keys(cost).length === 0) return undefined;
  cost.total = total;
  return cost;
}

function priceOf(table: TokenPrices, key: string): number | undefined {
  if (Object.prototype.hasOwnProperty.call(table, key)) return table[key];
  const parent = key.startsWith("input_") ? "input" : key.startsWith("output_") ? "output" : undefined;
  return parent !== undefined && Object.prototype.hasOwnProperty.call(table, parent) ? table[parent] : undefined;
}
