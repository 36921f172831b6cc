import type { CostDetails, UsageDetails } from "tracewise";

/**
 * Prices of one model in USD per million tokens, by usage key: `input`, `output`,
 * `input_cached_tokens`, `output_reasoning_tokens`, … A detail key without its own price
 * (`output_reasoning_tokens`, say) is charged at its parent's price (`output`).
 */
export type TokenPrices = Readonly<Record<string, number>>;

/** Token prices by model name (the name the API returned, or the one requested). */
export type ModelPrices = Readonly<Record<string, TokenPrices>>;

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/**
 * The cost of a call from its usage and the user's prices: one entry per priced usage key (except
 * `total`) and their sum as `total`. Without prices for the model, or without usage, there is no cost
 * and the backend may compute one from its own price table.
 *
 * @param usage - canonical usage details (see `toUsageDetails`).
 * @param prices - the user's prices by model.
 * @param models - candidate model names, most specific first (returned, then requested).
 */
export function toCostDetails(
  usage: UsageDetails | undefined,
  prices: ModelPrices | undefined,
  models: readonly (string | undefined)[],
): CostDetails | undefined {
  if (usage === undefined || prices === undefined) return undefined;
  const table = pricesFor(prices, models);
  if (table === undefined) return undefined;
  const cost: CostDetails = {};
  let total = 0;
  for (const [key, tokens] of Object.entries(usage)) {
    if (key === "total") continue;
    const price = priceOf(table, key);
    if (price === undefined) continue;
    const usd = (tokens * price) / TOKENS_PER_PRICE_UNIT;
    cost[key] = usd;
    total += usd;
  }
  if (Object.keys(cost).length === 0) return undefined;
  cost.total = total;
  return cost;
}

function pricesFor(prices: ModelPrices, models: readonly (string | undefined)[]): TokenPrices | undefined {
  for (const model of models) {
    if (model !== undefined && Object.prototype.hasOwnProperty.call(prices, model)) return prices[model];
  }
  return undefined;
}

function priceOf(table: TokenPrices, key: string): number | undefined {
  if (Object.prototype.hasOwnProperty.call(table, key)) return table[key];
  const parent = key.startsWith("input_") ? "input" : key.startsWith("output_") ? "output" : undefined;
  return parent !== undefined && Object.prototype.hasOwnProperty.call(table, parent) ? table[parent] : undefined;
}
