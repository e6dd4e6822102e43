"""Where the source checkout is: the offline commands read their default sets from it.

The folder that holds the top-level `services` package, named once here, so no module counts
`parents[n]` from its own location (which silently points elsewhere when the module moves).
"""

from __future__ import annotations

from pathlib import Path

import services

CHECKOUT = Path(services.__file__).resolve().parent.parent
TEST_DATA = CHECKOUT / "tests" / "data"
"""Labelled sets of the evaluations (present in a checkout, not in an installed wheel)."""
