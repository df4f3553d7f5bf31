"""Sample data: the demo's story case and generated cases (`amparo demo`), and `amparo synth`
for data at scale.

Kept apart from `core` (the bottom layer) because it writes through every app's services.
"""
