import type { GraphBuilder, Parameter } from "@knowfuse/core";

/** The packed per-batch inputs a fusion graph may read (see {@link packFusionInput}). */
export type FusionInputName =
  | "hidden"
  | "entity"
  | "entity_mask"
  | "span_pool"
  | "candidates"
  | "prior"
  | "candidate_mask"
  | "mention_mask";

/** Value names of the declared fusion inputs inside a graph. */
export type FusionGraphInputs = Readonly<Record<FusionInputName, string>>;

/** Resolves a parameter to a value name: an initializer (inference) or a graph input (training). */
export type ParamRef = (p: Parameter) => string;

/** The training forward of a layer: flattened fused states `[n, hidden]` and its backward. */
export interface FusionTrainForward {
  /** `[batch * seq, hidden]` fused token states. */
  y: string;
  /** Given `dL/dy` (`[batch * seq, hidden]`), adds the backward nodes and returns each trainable parameter's gradient value. */
  backward(dy: string): Map<Parameter, string>;
}

/**
 * The graph-level definition of one fusion method: its parameters and how to
 * add its forward (inference), and forward + hand-written backward (training)
 * to a {@link GraphBuilder}. {@link OnnxFusionMethod} runs it as a FusionMethod;
 * the trainer composes it with a head.
 */
export interface FusionLayer {
  /** Registered name, e.g. "fusion.ernie.v1". */
  readonly kind: string;
  readonly hiddenSize: number;
  readonly entityDim: number;
  /** The validated options it was built from (saved with trained weights). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Which packed inputs the graphs read. */
  readonly uses: readonly FusionInputName[];
  /** Every weight. */
  readonly params: readonly Parameter[];
  /** The weights that training updates (a subset of `params`). */
  readonly trainable: readonly Parameter[];
  /** Adds the inference forward; returns the fused `[batch, seq, hidden]` value. */
  forward(g: GraphBuilder, inputs: FusionGraphInputs, param: ParamRef): string;
  /** Adds the training forward and returns it with its backward. */
  forwardTrain(g: GraphBuilder, inputs: FusionGraphInputs, param: ParamRef): FusionTrainForward;
}
