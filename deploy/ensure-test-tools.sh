#!/usr/bin/env bash
# Installs what the test suite needs outside the venv, from Debian's packages: promtool and
# prometheus (`prometheus`) for the ops-rule tests and the end-to-end proof, amtool
# (`prometheus-alertmanager`) for the Alertmanager config check, and headless Chromium
# with its driver (`chromium`, `chromium-driver`) for the browser test of the analyst's page. Runs
# as root or via sudo when available; otherwise says what it could not install and the dependent
# tests skip with it.
set -u
PACKAGES=()
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  PACKAGES+=(prometheus)
fi
command -v amtool >/dev/null 2>&1 || PACKAGES+=(prometheus-alertmanager)
command -v chromium >/dev/null 2>&1 || PACKAGES+=(chromium)
command -v chromedriver >/dev/null 2>&1 || PACKAGES+=(chromium-driver)
if [ "${#PACKAGES[@]}" -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "ensure-test-tools: not root and no sudo: cannot install Debian's ${PACKAGES[*]}" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: no apt-get here: install ${PACKAGES[*]} by hand" >&2
  exit 0
fi
echo "ensure-test-tools: installing Debian's ${PACKAGES[*]}..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
for package in "${PACKAGES[@]}"; do  # one at a time: a failure skips only the tests that need it
  if ! $SUDO apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1; then
    echo "ensure-test-tools: apt-get install $package failed; the tests that need it will skip" >&2
  fi
done
# The packages start a system Prometheus (:9090) and Alertmanager (:9093) where an init system
# runs; tests use their own.
for daemon in prometheus prometheus-alertmanager; do
  if [[ " ${PACKAGES[*]} " == *" $daemon "* ]]; then
    $SUDO systemctl stop "$daemon" >/dev/null 2>&1 || $SUDO service "$daemon" stop >/dev/null 2>&1 || true
  fi
done
exit 0
