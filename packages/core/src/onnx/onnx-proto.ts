// The single place that loads the ONNX protobuf definitions. onnx-proto is
// CommonJS on protobufjs 6, which finds its 64-bit integer class through an
// eval'd require that fails under bundlers and test runners; give it `long`
// explicitly before the definitions load.
import { createRequire } from "node:module";
import type * as OnnxProto from "onnx-proto";

const require = createRequire(import.meta.url);
const protobuf = require("protobufjs/minimal") as { util: { Long: unknown }; configure(): void };
protobuf.util.Long = require("long");
protobuf.configure();

/** The `onnx` protobuf namespace (ModelProto, GraphProto, ...). */
export const onnx: typeof OnnxProto.onnx = (require("onnx-proto") as typeof OnnxProto).onnx;
export declare namespace onnx {
  type IGraphProto = OnnxProto.onnx.IGraphProto;
  type INodeProto = OnnxProto.onnx.INodeProto;
  type ITensorProto = OnnxProto.onnx.ITensorProto;
  type IValueInfoProto = OnnxProto.onnx.IValueInfoProto;
  type IAttributeProto = OnnxProto.onnx.IAttributeProto;
  type IModelProto = OnnxProto.onnx.IModelProto;
}
