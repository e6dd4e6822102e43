from services.extraction.app import SERVICE, app, settings
from services.runtime.app import run_worker

run_worker(app, SERVICE, settings)
