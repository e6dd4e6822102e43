"""Code that more than one service (and the offline commands) use and no single service owns.

A service may import `services.runtime`, `schemas`, `services.common` and its own package, nothing
else (tests/unit/test_import_contract.py); so this package imports no service either.
"""
