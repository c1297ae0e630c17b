import { GraphBuilder, type Parameter } from "@knowfuse/core";
import type { FusionLayer } from "../fusion-methods/fusion-layer.js";
import { biasGrad, inputGrad, weightGrad } from "../fusion-methods/graph-ops.js";
import { declareFusionInputs } from "../fusion-methods/pack-fusion-input.js";
import type { TaskHead } from "../heads/task-head.js";

/** The gradient output name of a parameter in a training graph. */
export function gradName(p: Parameter): string {
  return `grad_${p.name}`;
}

/**
 * Builds one ONNX graph for a fusion layer plus a task head. Inputs: the fusion
 * inputs the layer uses, `pool` `[m, batch*seq]` (rows pick or average token
 * states), `onehot` `[m, classes]`, `weight` `[m]` (0 for padding rows) and every
 * parameter by name. Outputs: `logits` `[m, classes]`, and with `backward` the
 * weighted mean cross-entropy `loss` and `grad_<name>` for the head's weights
 * and the layer's trainable weights (hand-written backward:
 * `dlogits = w ⊙ (softmax − onehot) / Σw`, `dW = Zᵀ dlogits`, `dX = Pᵀ dlogits Wᵀ`,
 * then the layer's own backward).
 */
export function buildTrainingGraph(layer: FusionLayer, head: TaskHead, backward = true): GraphBuilder {
  const g = new GraphBuilder(`${layer.kind}+${head.kind}`);
  const inputs = declareFusionInputs(g, layer.uses, layer.hiddenSize, layer.entityDim);
  const C = head.labels.length;
  const pool = g.input("pool", "float", ["m", "n"]);
  const names = new Map<Parameter, string>();
  const param = (p: Parameter) => {
    let name = names.get(p);
    if (!name) {
      name = g.input(p.name, "float", [...p.shape]);
      names.set(p, name);
    }
    return name;
  };
  const fwd = layer.forwardTrain(g, inputs, param);
  const [w, b] = head.params as [Parameter, Parameter];
  const z = g.op("MatMul", [pool, fwd.y]);
  const logits = g.op("Add", [g.op("MatMul", [z, param(w)]), param(b)]);
  g.output(logits, "float", ["m", C], "logits");
  if (!backward) return g;
  const onehot = g.input("onehot", "float", ["m", C]);
  const weight = g.input("weight", "float", ["m"]);
  const logp = g.op("LogSoftmax", [logits], { axis: 1 });
  const w2 = g.op("Unsqueeze", [weight, g.ints([1])]);
  const total = g.op("Max", [g.op("ReduceSum", [weight], { keepdims: 0 }), g.scalar(1e-6)]);
  const nll = g.op("Neg", [
    g.op("ReduceSum", [g.op("Mul", [g.op("Mul", [logp, onehot]), w2])], { keepdims: 0 }),
  ]);
  g.output(g.op("Div", [nll, total]), "float", [], "loss");
  const dlogits = g.op("Div", [g.op("Mul", [g.op("Sub", [g.op("Exp", [logp]), onehot]), w2]), total]);
  const grads = new Map<Parameter, string>([
    [w, weightGrad(g, z, dlogits)],
    [b, biasGrad(g, dlogits)],
  ]);
  const dx = weightGrad(g, pool, inputGrad(g, dlogits, param(w)));
  for (const [p, v] of fwd.backward(dx)) grads.set(p, v);
  for (const [p, v] of grads) g.output(v, "float", [...p.shape], gradName(p));
  return g;
}
