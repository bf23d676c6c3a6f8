#!/usr/bin/env bash
# Demo of the container setup: four peers in Docker, crash the leader, bring it back.
#
#   scripts/compose-demo.sh            # needs Docker with the compose plugin
#
# 1. docker compose up -d --wait (builds the image if needed) and shows /leader of all four;
# 2. docker kill of the leader's container, then how long peers 2-4 took to agree on a new
#    leader (polled every ~20 ms from the host);
# 3. docker start of the killed container, then how long until it is back and all four agree;
# 4. docker compose down - also on Ctrl-C or error. Set KEEP=1 to leave the peers running.
#
# Everything goes through the published ports on 127.0.0.1 (8081-8084). For the automated
# version with pass/fail checks see scripts/compose-test.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

now_ms() { date +%s%3N; }
port() { echo $((8080 + $1)); }
body() { curl -fsS --max-time 1 "http://127.0.0.1:$(port "$1")/$2" 2>/dev/null; }
leader() { # "leaderId/term" as peer N sees it, or "-"
	local b
	b=$(body "$1" leader) && [[ $b =~ \"leaderId\":([0-9]+).*\"term\":([0-9]+) ]] &&
		echo "${BASH_REMATCH[1]}/${BASH_REMATCH[2]}" || echo -
}
agreed() { # prints "leaderId/term" if all given peers report the same one
	local first p
	first=$(leader "$1") && [ "$first" != - ] || return 1
	for p in "${@:2}"; do [ "$(leader "$p")" = "$first" ] || return 1; done
	echo "$first"
}
show() {
	local p
	for p in "$@"; do printf '  peer%s  %s\n' "$p" "$(body "$p" leader || echo '(no answer)')"; done
}
step() { printf '\n== %s\n' "$*"; }
start_clock() { t0=$(now_ms); deadline=$((t0 + $1 * 1000)); } # start_clock SECONDS
in_time() { # in_time WHAT: fails the demo once the deadline of start_clock has passed
	[ "$(now_ms)" -lt "$deadline" ] || { printf 'gave up waiting: %s\n' "$1" >&2; exit 1; }
}

cleanup() {
	trap - EXIT INT TERM
	if [ "${KEEP:-0}" = 1 ]; then
		printf '\nKEEP=1: peers left running; stop them with: docker compose down\n'
		return
	fi
	step "docker compose down"
	docker compose down -v --remove-orphans --timeout 5 >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "docker compose up -d --wait   (builds bellwether:local, waits until all four are healthy)"
start_clock 300
docker compose up -d --wait --wait-timeout 240
printf 'all four healthy after %d ms\n' $(($(now_ms) - t0))
# Healthy = knows a leader; peers that started at different times may still be settling.
until view=$(agreed 1 2 3 4); do in_time "all four to agree"; sleep 0.1; done
show 1 2 3 4

leader_id=${view%/*}
survivors=()
for p in 1 2 3 4; do [ "$p" = "$leader_id" ] || survivors+=("$p"); done
container=$(docker compose ps -q "peer$leader_id")

step "docker kill peer$leader_id   (the leader; SIGKILL, no goodbye)"
start_clock 30
docker kill "$container" >/dev/null & # in the background: the clock runs from the kill
until view=$(agreed "${survivors[@]}") && [ "${view%/*}" != "$leader_id" ]; do
	in_time "a new leader"; sleep 0.02
done
printf 'peers %s agree on leader %s (term %s) %d ms after docker kill\n' \
	"${survivors[*]}" "${view%/*}" "${view#*/}" $(($(now_ms) - t0))
wait
show "${survivors[@]}"
printf '\npeer%s as seen by peer%s:\n  %s\n' "$leader_id" "${survivors[0]}" \
	"$(body "${survivors[0]}" peers | grep -oE "\{\"id\":$leader_id,[^}]*\}")"

step "docker start peer$leader_id"
start_clock 60
docker start "$container" >/dev/null
until body "$leader_id" actuator/health/readiness >/dev/null; do in_time "peer$leader_id ready"; sleep 0.05; done
printf 'peer%s ready (knows a leader) %d ms after docker start\n' "$leader_id" $(($(now_ms) - t0))
until view=$(agreed 1 2 3 4) && [ "${view%/*}" = "$leader_id" ]; do in_time "all four to agree"; sleep 0.05; done
printf 'all four agree on leader %s (term %s) %d ms after docker start\n' \
	"${view%/*}" "${view#*/}" $(($(now_ms) - t0))
show 1 2 3 4
