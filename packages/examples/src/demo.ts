// The README's demo: the main knowfuse story, end to end, on the embedded store.
// It grows as the stages land; each section prints only what really ran.
import { commands } from "@knowfuse/cli";
import { KNOWLEDGE_CATEGORIES, ort } from "@knowfuse/core";

console.log("knowfuse demo");
console.log(
  `  onnxruntime-node ${ort.env.versions.node}; knowledge categories: ${KNOWLEDGE_CATEGORIES.join(", ")}`,
);
console.log(`  CLI commands: ${commands.map((c) => c.path.join(" ")).join(", ")}`);

// ---- Encoder: a sentence through the tiny generated BERT (random weights: the vectors carry no meaning). ----
{
  const { ensureFixtureModel, loadEncoder } = await import("@knowfuse/fusion");
  const encoder = await loadEncoder(await ensureFixtureModel("tiny-bert"), { threads: 1 });
  const sentence = "The Café's cats ran to İstanbul ☃.";
  const batch = await encoder.encode([sentence]);
  console.log("\nencoder (tiny generated BERT; its weights are random, so the vectors carry no meaning)");
  console.log(`  "${sentence}" -> hidden states [${batch.hidden.dims.join(", ")}] (batch, tokens, hidden)`);
  const pieces = batch.pieces[0]!.map((piece, k) => {
    const [start, end] = batch.offsets[0]![k]!;
    return end > start ? `${piece}[${start},${end})="${sentence.slice(start, end)}"` : piece;
  });
  console.log(`  word pieces with offsets: ${pieces.join(" ")}`);
  await encoder.close();
}
