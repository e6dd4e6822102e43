"""Service code keeps two house rules (issue 15): invariants raise explicit exceptions (an `assert`
is stripped under `python -O`, so the check would silently vanish in production) and state lives
in objects, not in module globals rebound with `global`."""

from __future__ import annotations

import ast

from services.common.checkout import CHECKOUT

ASSERTS_PENDING: set[str] = set()
"""Files still allowed an assert (none left); the rule holds everywhere under services/ and schemas/."""


def _offences() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"assert": set(), "global": set()}
    for path in sorted([*CHECKOUT.glob("services/**/*.py"), *CHECKOUT.glob("schemas/**/*.py")]):
        rel = path.relative_to(CHECKOUT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
            if isinstance(node, ast.Assert):
                found["assert"].add(f"{rel}:{node.lineno}")
            elif isinstance(node, ast.Global):
                found["global"].add(f"{rel}:{node.lineno}")
    return found


def test_no_assert_guards_an_invariant_and_no_global_holds_state():
    found = _offences()
    asserts = sorted(a for a in found["assert"] if a.rsplit(":", 1)[0] not in ASSERTS_PENDING)
    assert not asserts, f"raise an explicit exception instead of assert: {asserts}"
    assert not found["global"], f"keep the state in an object, not a global: {sorted(found['global'])}"
