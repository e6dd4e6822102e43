"""Alert rules from YAML: which detector runs on which series, with which severity.

A rule selects series by attacker, weapon class and oblast (absent = the national series only,
"*" = every oblast series, a name = that oblast) and runs one detector on one measure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.alerts import Severity
from services.alerting.detectors import DETECTORS, REQUIRED, DetectorResult, parameters
from services.alerting.series import SeriesKey

DEFAULT_RULES = Path(__file__).with_name("rules.yaml")

DetectorName = Literal["spike", "record", "escalation", "threshold"]
EpisodeShape = Literal["run", "night"]

class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    detector: DetectorName
    attacker: str = "*"
    weapon_class: str = "*"
    oblast: str | None = None
    measure: str = "launched"
    severity: Severity = Severity.WARNING
    critical_score: float | None = Field(
        default=None, description="raise the severity to critical when the score reaches this")
    min_value: float = Field(default=0, description="never fire below this count (absolute floor)")
    params: dict[str, Any] = Field(default_factory=dict)
    episodes: EpisodeShape | None = Field(
        default=None, description="run: consecutive firing nights make one episode; night: each firing "
        "night is an episode of its own (the default for record: every new record is news)")
    description: str = ""

    @model_validator(mode="after")
    def _known_params(self) -> Rule:
        known = parameters(self.detector)
        unknown = set(self.params) - set(known)
        if unknown:
            raise ValueError(f"rule {self.name}: unknown {self.detector} params {sorted(unknown)}")
        for name, default in known.items():
            if default is REQUIRED and name not in self.params:
                raise ValueError(f"rule {self.name}: {self.detector} needs params.{name}")
        return self

    def matches(self, series: SeriesKey) -> bool:
        if self.attacker not in ("*", series.attacker) or self.weapon_class not in ("*", series.weapon_class):
            return False
        if self.oblast is None:
            return series.oblast is None
        return series.oblast is not None and self.oblast in ("*", series.oblast)

    def per_night(self) -> bool:
        """Whether each firing night is its own episode (see `episodes`)."""
        return (self.episodes or ("night" if self.detector == "record" else "run")) == "night"

    def history_nights(self) -> int | None:
        """How many trailing nights the detector looks at (None = all history)."""
        p = parameters(self.detector) | self.params  # the detector's defaults, once, in its signature
        match self.detector:
            case "spike":
                return int(p["window"])
            case "record":
                return None if p["window"] is None else int(p["window"])
            case "escalation":
                return int(p["reference"]) + int(p["run"]) - 1
            case _:
                return 0

    def evaluate(self, value: float, history: list[float]) -> DetectorResult:
        """Run the detector, then the rule's absolute floor."""
        verdict: DetectorResult = DETECTORS[self.detector](value, history, **self.params)
        if verdict.fired and value < self.min_value:
            return DetectorResult(False, value, verdict.baseline, verdict.score, verdict.limit,
                           reason=f"{value:g} below the rule's floor {self.min_value:g}")
        return verdict

    def severity_for(self, verdict: DetectorResult) -> Severity:
        score, critical = verdict.score, self.critical_score
        if critical is not None and score is not None and score >= critical:
            return Severity.CRITICAL
        return self.severity


class RuleSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    repeat_interval_s: float = Field(default=4 * 3600, ge=0,
                                     description="don't re-send an unchanged firing alert sooner")
    rules: list[Rule]

    @model_validator(mode="after")
    def _unique_names(self) -> RuleSet:
        names = [r.name for r in self.rules]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate rule names: {dupes}")
        return self

    def for_series(self, series: SeriesKey) -> list[Rule]:
        return [r for r in self.rules if r.matches(series)]


def load_rules(path: Path | str | None = None) -> RuleSet:
    """Read and validate a rules YAML file (the packaged default when None)."""
    source = Path(path) if path else DEFAULT_RULES
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    return RuleSet.model_validate(data)
