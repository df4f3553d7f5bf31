"""Generated demo cases: the same generator as `amparo synth` (amparo.sampledata.generator),
written with bulk inserts into the demo organisation. Seeded, so a run is reproducible."""

from __future__ import annotations

import io

from amparo.accounts.models import Organisation, User
from amparo.sampledata.synth import generate


def load_generated(
    organisation: Organisation, users: dict[str, User], *, count: int, seed: int
) -> None:
    """`count` cases for the organisation's members (`users` is kept for the demo's call)."""
    if count > 0:
        generate(cases=count, organisations=[organisation], seed=seed, stream=io.StringIO())
