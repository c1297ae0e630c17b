import { TrainingDivergedError } from "../errors/specific-errors.js";

/**
 * Throws {@link TrainingDivergedError} when a loss is NaN or infinite, naming
 * where it happened (`details.step`, plus anything in `details`).
 */
export function assertFiniteLoss(loss: number, step: number, details: Record<string, unknown> = {}): void {
  if (Number.isFinite(loss)) return;
  throw new TrainingDivergedError(
    `training diverged: loss is ${loss} at step ${step}; lower the learning rate or raise regularisation`,
    { details: { step, loss, ...details } },
  );
}
