export {
  type AttrValue,
  type Dim,
  type ElementType,
  float,
  GraphBuilder,
  type InitializerData,
} from "./graph-builder.js";
export { onnx } from "./onnx-proto.js";
export { createSession, floatTensor, int64Tensor, ort, type SessionOptions } from "./session.js";
