export {
  isKnowfuseError,
  KnowfuseError,
  type KnowfuseErrorCode,
  type KnowfuseErrorOptions,
} from "./knowfuse-error.js";
export {
  DimensionMismatchError,
  ImportLineError,
  InputTooLongError,
  ModelLoadError,
  NotFoundError,
  StoreError,
  TokenizerMismatchError,
  TrainingDivergedError,
  UnknownNameError,
} from "./specific-errors.js";
export { ValidationError, type ValidationIssue } from "./validation-error.js";
