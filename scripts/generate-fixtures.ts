// Generates the deterministic fixture models the tests and the demo use.
// Filled in by the encoder work; idempotent (skips what is already current).
console.error("[setup] no fixtures to generate yet");
