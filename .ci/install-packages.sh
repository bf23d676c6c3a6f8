#!/usr/bin/env bash
# System packages the test suite needs beyond JDK 17 + Maven (CI runs as root on Debian).
# Tests that need one of these tools skip when it is missing on a developer machine, unless
# BELLWETHER_REQUIRE_TOOLS=1 (set by .ci/run) makes them fail instead.
set -euo pipefail
packages=()
# (filled in by the features that need them)
if [ "${#packages[@]}" -gt 0 ]; then
  missing=()
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get -q update
    DEBIAN_FRONTEND=noninteractive apt-get -q -y install --no-install-recommends "${missing[@]}"
  fi
fi
