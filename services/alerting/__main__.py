"""`python -m services.alerting`: the alerting worker."""

from __future__ import annotations

import logging
import sys

from pydantic import ValidationError

from services.alerting.app import SERVICE, AlertingService
from services.alerting.settings import AlertingSettings
from services.runtime.app import run_worker
from services.runtime.logs import configure_logging

log = logging.getLogger("services.alerting")


def main() -> int:
    settings = AlertingSettings()
    try:
        service = AlertingService(settings)
    except (OSError, ValueError, ValidationError) as exc:  # a broken rules/receivers file: one line
        configure_logging(settings.log_level, settings.log_json)
        log.error("alerting cannot start: %s", str(exc).splitlines()[0] if str(exc) else exc)
        return 2
    run_worker(service.app, SERVICE, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
