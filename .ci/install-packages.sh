#!/usr/bin/env bash
# System packages the test suite needs beyond JDK 17 + Maven (CI runs as root on Debian).
# Tests that need one of these tools skip when it is missing on a developer machine, unless
# BELLWETHER_REQUIRE_TOOLS=1 (set by .ci/run) makes them fail instead.
set -euo pipefail
packages=(
  chromium chromium-driver   # dashboard test: headless browser + WebDriver (/usr/bin/chromium, /usr/bin/chromedriver)
  prometheus                 # metrics test: /usr/bin/promtool checks the /actuator/prometheus exposition
  iptables iproute2          # chaos suite: partitions between peers' loopback addresses; multi-host test: netns, veth, bridge
  gcc libnetfilter-queue-dev # multi-host test: builds netdelay (delay and loss on every link; this kernel has no netem)
)
# Manifest tests: `/usr/bin/kubectl kustomize k8s/`. Debian's kubectl (kubernetes-client 1.20, kustomize
# v2.0.3) unless a kubectl is installed already: the machine image brings Google's `kubectl` package,
# and both packages own /usr/bin/kubectl, so installing the second one fails.
if ! command -v kubectl > /dev/null; then
  packages+=(kubernetes-client)
fi
if [ "${#packages[@]}" -gt 0 ]; then
  missing=()
  for p in "${packages[@]}"; do
    # installed, not merely known to dpkg (a removed package keeps its config files)
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get -q update
    # Install packages only: a package's own service (the prometheus server) must not start.
    # Docker-style images deny service starts with /usr/sbin/policy-rc.d; add it if absent.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
      chmod +x /usr/sbin/policy-rc.d
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    DEBIAN_FRONTEND=noninteractive apt-get -q -y install --no-install-recommends "${missing[@]}"
  fi
fi
