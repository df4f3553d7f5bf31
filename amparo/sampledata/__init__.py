"""Sample data: the demo's story and generated cases, and `amparo synth` for data at scale."""
