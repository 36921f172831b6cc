/**
 * Tracewise quickstart: a small agent with `@observe()` methods, a streamed (generator) LLM step and a
 * tool call that fails and is handled. Runs with zero configuration and prints the trace tree.
 *
 *   npm run example
 */
import { observe, Tracewise, updateCurrentObservation, updateCurrentTrace, scoreCurrentTrace } from "tracewise";

const tw = new Tracewise({ environment: "development" });

class WeatherTool {
  @observe({ asType: "tool" })
  async lookup(city: string): Promise<{ city: string; tempC: number }> {
    await sleep(15);
    if (city === "Atlantis") throw new Error(`no weather station in ${city}`);
    return { city, tempC: 21 };
  }
}

class TravelAgent {
  private readonly weather = new WeatherTool();

  @observe()
  async run(question: string): Promise<string> {
    updateCurrentTrace({ userId: "user-42", sessionId: "session-7", tags: ["quickstart"] });
    const plan = await this.plan(question);
    const reports: string[] = [];
    for (const city of plan) {
      try {
        const w = await this.weather.lookup(city);
        reports.push(`${w.city}: ${w.tempC}°C`);
      } catch (error) {
        // The tool failed; the agent handles it and carries on. The trace shows the ERROR.
        reports.push(`${city}: unknown (${(error as Error).message})`);
      }
    }
    let answer = "";
    for await (const token of this.writeAnswer(reports)) answer += token;
    scoreCurrentTrace({ name: "helpfulness", value: 0.9, comment: "example score" });
    return answer;
  }

  @observe({ asType: "chain" })
  async plan(question: string): Promise<string[]> {
    await sleep(5);
    return question.includes("Atlantis") ? ["Lisbon", "Atlantis"] : ["Lisbon"];
  }

  /** A streamed LLM step: each yielded token is a chunk; the first one sets the time to first token. */
  @observe({ name: "llm.answer", asType: "generation" })
  async *writeAnswer(reports: string[]): AsyncGenerator<string> {
    updateCurrentObservation({
      model: "local-echo-1",
      modelParameters: { temperature: 0 },
      usageDetails: { input: 24, output: 12 },
    });
    const text = `Here is the weather: ${reports.join("; ")}.`;
    for (const word of text.split(" ")) {
      await sleep(2);
      yield `${word} `;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const agent = new TravelAgent();
const answer = await agent.run("Weather in Lisbon and Atlantis?");
console.log(`\nanswer: ${answer.trim()}\n`);
await tw.shutdown();
