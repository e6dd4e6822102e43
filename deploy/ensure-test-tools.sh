#!/usr/bin/env bash
# Installs what the test suite needs outside the venv: promtool and prometheus (Debian's
# `prometheus` package) for the ops-rule tests and the end-to-end proof. Runs as root or via sudo
# when available; otherwise says what it could not install and the dependent tests skip with it.
set -u
if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "ensure-test-tools: not root and no sudo: cannot install Debian's prometheus package" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: no apt-get here: install prometheus (for promtool) by hand" >&2
  exit 0
fi
echo "ensure-test-tools: installing Debian's prometheus package (promtool + prometheus)..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
if ! $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1; then
  echo "ensure-test-tools: apt-get install prometheus failed; promtool tests will skip" >&2
fi
# The package starts a system Prometheus on :9090 where an init system runs; tests use their own.
$SUDO systemctl stop prometheus >/dev/null 2>&1 || $SUDO service prometheus stop >/dev/null 2>&1 || true
exit 0
