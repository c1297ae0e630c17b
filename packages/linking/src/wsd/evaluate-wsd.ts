import type { FeatureName } from "../disambiguation/features.js";
import type { FeaturizedMention, GraphLinker } from "../graph-linker.js";
import type { WsdText } from "./read-wsd-corpus.js";
import { scoreWsd, type WsdScore } from "./score-wsd.js";
import { wsdLinkInputs } from "./wsd-link-inputs.js";

/** A featurised WSD corpus: every instance's mention and candidates, with its id. */
export interface FeaturizedWsd {
  instanceIds: string[];
  mentions: FeaturizedMention[];
}

/** Featurises every instance of a WSD corpus with the linker (store reads happen here). */
export async function featurizeWsd(linker: GraphLinker, texts: readonly WsdText[]): Promise<FeaturizedWsd> {
  const inputs = wsdLinkInputs(texts);
  const featurized = await linker.featurize(inputs);
  const out: FeaturizedWsd = { instanceIds: [], mentions: [] };
  inputs.forEach((input, d) => {
    out.instanceIds.push(...input.instanceIds);
    out.mentions.push(...featurized[d]!);
  });
  return out;
}

/** For each instance, the index of a candidate whose alias key is a gold key (-1 when none is). */
export function goldIndices(data: FeaturizedWsd, gold: ReadonlyMap<string, readonly string[]>): number[] {
  return data.mentions.map((m, i) => {
    const keys = gold.get(data.instanceIds[i]!) ?? [];
    return m.candidates.findIndex((c) => c.hit.key !== undefined && keys.includes(c.hit.key));
  });
}

/** The linker's answer (a sense key) per instance, with the current weights; instances without candidates stay unanswered. */
export function answerWsd(linker: GraphLinker, data: FeaturizedWsd): Map<string, string> {
  const answers = new Map<string, string>();
  data.mentions.forEach((m, i) => {
    if (m.candidates.length === 0) return;
    const { best } = linker.choose(m);
    const key = m.candidates[best]?.hit.key;
    if (key !== undefined) answers.set(data.instanceIds[i]!, key);
  });
  return answers;
}

/** Learns the linker's weights on a featurised, gold-annotated corpus (optionally on a subset of features). */
export function trainWsd(
  linker: GraphLinker,
  data: FeaturizedWsd,
  gold: ReadonlyMap<string, readonly string[]>,
  features?: readonly FeatureName[],
): Record<FeatureName, number> {
  return linker.learnWeights(data.mentions, goldIndices(data, gold), features ? { features } : {});
}

/** Answers and scores a featurised corpus. */
export function evaluateWsd(
  linker: GraphLinker,
  data: FeaturizedWsd,
  gold: ReadonlyMap<string, readonly string[]>,
): WsdScore {
  return scoreWsd(answerWsd(linker, data), gold);
}
