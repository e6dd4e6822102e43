"""StrikeWatch services: one folder per service, plus their shared runtime (`services.runtime`)."""

from prometheus_client import disable_created_metrics

# Before any service declares a metric: `*_created` series double every counter's series count,
# and no dashboard or rule reads them.
disable_created_metrics()
