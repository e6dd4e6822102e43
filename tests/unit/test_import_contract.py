"""The boundaries hold: a service imports only services.runtime, schemas, services.common and its
own package (issue 15). The contracts are import-linter's, declared in pyproject.toml; this test
runs them so `make test` fails with import-linter's own report (the chain of imports) when a change
breaks one. It runs as a process: import-linter reconfigures logging, which other tests observe."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from services.common.checkout import CHECKOUT

SERVICES = CHECKOUT / "services"
COMPOSITION = {"cli", "offline"}
LIBRARIES = {"common", "runtime"}


LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_import_contracts_are_kept():
    # import-linter reads the contracts from ./pyproject.toml
    done = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=CHECKOUT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, f"an import contract is broken:\n{done.stdout}{done.stderr}"
    assert "0 broken" in done.stdout


def test_every_service_package_is_in_the_independence_contract():
    """A new service folder is covered too (else it could import any other service unnoticed)."""
    config = tomllib.loads(Path(CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    independent = {m for c in contracts if c["type"] == "independence" for m in c["modules"]}
    packages = {p.name for p in SERVICES.iterdir() if (p / "__init__.py").is_file()}
    services = {f"services.{name}" for name in packages - COMPOSITION - LIBRARIES}
    assert services - independent == set(), "add the new service to the independence contract"
