/** The token-budget check a prompt call makes before anything is sent. */
import type { ChatMessage } from "../model/types.js";
import { estimateMessagesTokens } from "../context/tokens.js";

export type BudgetCheck =
  { ok: true; tokens: number; limit: number } | { ok: false; tokens: number; limit: number; message: string };

/**
 * The limit is the prompt's own budget when declared, and never more than what the model's window leaves after
 * the reply: `contextWindow - maxOutput`.
 */
export function checkPromptBudget(
  messages: readonly ChatMessage[],
  limits: { budgetTokens?: number; contextWindow: number; maxOutput: number },
): BudgetCheck {
  const tokens = estimateMessagesTokens(messages);
  const windowLimit = Math.max(0, limits.contextWindow - limits.maxOutput);
  const limit = limits.budgetTokens === undefined ? windowLimit : Math.min(limits.budgetTokens, windowLimit);
  if (tokens <= limit) return { ok: true, tokens, limit };
  return {
    ok: false,
    tokens,
    limit,
    message: `the rendered prompt is about ${tokens} tokens, over its budget of ${limit}; shorten the inputs or raise the budget`,
  };
}
