// The README's demo: the main knowfuse story, end to end, on the embedded store.
// It grows as the stages land; each section prints only what really ran.
import { commands } from "@knowfuse/cli";
import { KNOWLEDGE_CATEGORIES, ort } from "@knowfuse/core";

console.log("knowfuse demo");
console.log(
  `  onnxruntime-node ${ort.env.versions.node}; knowledge categories: ${KNOWLEDGE_CATEGORIES.join(", ")}`,
);
console.log(`  CLI commands: ${commands.map((c) => c.path.join(" ")).join(", ")}`);
