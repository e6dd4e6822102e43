"""StrikeWatch services: one folder per service, plus their shared runtime (`services.runtime`)."""
