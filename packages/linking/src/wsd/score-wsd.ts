/** Scores of a WSD run, as the framework's scorer computes them. */
export interface WsdScore {
  task: "wsd";
  /** Instances in the gold file. */
  n: number;
  /** Instances answered. */
  answered: number;
  correct: number;
  /** Correct / answered, in percent. */
  precision: number;
  /** Correct / n, in percent. */
  recall: number;
  f1: number;
}

/**
 * Scores answers (instance id → chosen key) against gold keys: an answer is
 * correct when it is any of the gold keys; precision is over answered
 * instances, recall over all gold instances. Answers to unknown ids are ignored.
 */
export function scoreWsd(
  answers: ReadonlyMap<string, string>,
  gold: ReadonlyMap<string, readonly string[]>,
): WsdScore {
  let answered = 0;
  let correct = 0;
  for (const [id, keys] of gold) {
    const answer = answers.get(id);
    if (answer === undefined) continue;
    answered++;
    if (keys.includes(answer)) correct++;
  }
  const precision = answered ? (100 * correct) / answered : 0;
  const recall = gold.size ? (100 * correct) / gold.size : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { task: "wsd", n: gold.size, answered, correct, precision, recall, f1 };
}
