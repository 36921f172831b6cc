/**
 * Tracewise + LangChain, offline: a prompt → fake chat model → parser chain, a streamed answer, a
 * retriever and a tool, all traced by one `CallbackHandler`, then the same chain nested inside an
 * `observe`d function. Prints the trace trees (the default console exporter).
 *
 *   npx tsx examples/langchain.ts
 */
import { Document } from "@langchain/core/documents";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { BaseRetriever } from "@langchain/core/retrievers";
import { RunnableLambda, RunnableSequence } from "@langchain/core/runnables";
import { tool } from "@langchain/core/tools";
import { FakeListChatModel, FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { z } from "zod";
import { observe, Tracewise } from "tracewise";
import { CallbackHandler } from "tracewise/langchain";

const tw = new Tracewise({ environment: "development" });
const handler = new CallbackHandler({ userId: "user-42", tags: ["example"] });

/** A tiny in-memory retriever: documents whose text mentions a word of the query. */
class KeywordRetriever extends BaseRetriever {
  lc_namespace = ["examples", "retrievers"];
  private readonly docs = [
    new Document({ pageContent: "Lisbon is sunny in June.", metadata: { source: "weather.md" } }),
    new Document({ pageContent: "Porto has great bridges.", metadata: { source: "travel.md" } }),
  ];

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const words = query.toLowerCase().split(/\W+/);
    return this.docs.filter((d) => words.some((w) => w.length > 3 && d.pageContent.toLowerCase().includes(w)));
  }
}

const weather = tool(async ({ city }: { city: string }) => `${city}: 24°C, clear`, {
  name: "get_weather",
  description: "Current weather for a city",
  schema: z.object({ city: z.string() }),
});

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "You are a concise travel assistant. Context: {context}"],
  ["human", "{question}"],
]);
const model = new FakeListChatModel({ responses: ["Go to Lisbon in June: it is sunny."] });
const retriever = new KeywordRetriever();

const rag = RunnableSequence.from([
  {
    context: RunnableLambda.from(async (input: { question: string }, config) => {
      const docs = await retriever.invoke(input.question, config);
      return docs.map((d) => d.pageContent).join("\n");
    }).withConfig({ runName: "retrieve" }),
    question: (input: { question: string }) => input.question,
  },
  prompt,
  model,
  new StringOutputParser(),
]).withConfig({ runName: "travel-rag" });

// 1. A chain traced on its own: the top-level run starts the trace.
const answer = await rag.invoke(
  { question: "When should I visit Lisbon?" },
  { callbacks: [handler], metadata: { tracewise_session_id: "session-7" } },
);
console.log(`answer: ${answer}\n`);

// 2. A streamed answer: the generation records the time to first token.
const streaming = new FakeStreamingChatModel({ sleep: 5, responses: [] });
let streamed = "";
for await (const chunk of await streaming.stream("Say hello", { callbacks: [handler], runName: "streamed-hello" })) {
  streamed += chunk.text;
}
console.log(`streamed: ${streamed}\n`);

// 3. Inside an observed function: the LangChain runs nest under it.
const plan = observe(async function planTrip(city: string) {
  const forecast = await weather.invoke({ city }, { callbacks: [handler] });
  const advice = await rag.invoke({ question: `Is ${city} sunny?` }, { callbacks: [handler] });
  return { forecast, advice };
});
console.log(await plan("Lisbon"));

await tw.shutdown();
