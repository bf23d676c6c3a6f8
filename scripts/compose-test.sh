#!/usr/bin/env bash
# End-to-end test of the container setup (Dockerfile + docker-compose.yml), run by .ci/run
# after the Maven tests:
#   1. builds the image and starts four peers with `docker compose up -d --wait`;
#   2. all four name peer 1 leader with one term; containers run as non-root and are healthy;
#   3. `docker kill` of peer 1: peers 2-4 must agree on peer 2 within KILL_LIMIT_SECS;
#   4. `docker start` of peer 1: it must be ALIVE in every peer's /peers and all four must agree
#      on peer 1 with one term again within REJOIN_LIMIT_SECS.
# Prints the measured times and one PASS/FAIL line per check; exits non-zero on any failure.
# The peers always come down again (docker compose down -v), also on failure or Ctrl-C.
#
# Environment:
#   DOCKER_ENGINE_SCRIPT  script that makes a Docker engine available, called with `up`
#                         (default ../shared/scripts/docker-engine.sh, relative to the repository
#                         root; if it does not exist, an engine that already answers is used)
#   COMPOSE_TEST_PROJECT  compose project name (default bellwether-test, so that a demo cluster
#                         of the default project `bellwether` is not touched)
#   KILL_LIMIT_SECS       kill -> survivors agree on a new leader (10)
#   REJOIN_LIMIT_SECS     start -> all four agree again (30)
#   UP_TIMEOUT_SECS       build excluded, `up --wait` until all four are healthy (240)
#   BELLWETHER_SECRET     passed to the peers; unset: a random one is made for this run, so the
#                         test runs with authenticated heartbeats (set it to '' to test without)
#
# Talks to the peers only through their published ports on 127.0.0.1 (8081-8084).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

ENGINE_SCRIPT=${DOCKER_ENGINE_SCRIPT:-../shared/scripts/docker-engine.sh}
PROJECT=${COMPOSE_TEST_PROJECT:-bellwether-test}
KILL_LIMIT_SECS=${KILL_LIMIT_SECS:-10}
REJOIN_LIMIT_SECS=${REJOIN_LIMIT_SECS:-30}
UP_TIMEOUT_SECS=${UP_TIMEOUT_SECS:-240}
PEERS=(1 2 3 4)
POLL=0.02 # seconds between polling rounds

FAILURES=0
say() { printf 'compose-test: %s\n' "$*"; }
pass() { printf 'compose-test: PASS %s\n' "$*"; }
fail() { printf 'compose-test: FAIL %s\n' "$*"; FAILURES=$((FAILURES + 1)); }
abort() { fail "$*"; exit 1; } # the EXIT trap prints logs and tears down
now_ms() { date +%s%3N; }
secs() { printf '%d.%03d s' $(($1 / 1000)) $(($1 % 1000)); }

compose() { docker compose -p "$PROJECT" "$@"; }
plain() { sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' -e "s/^/  /"; } # indent, drop terminal escapes
container() { compose ps -aq "peer$1"; }
port() { echo $((8080 + $1)); }

# leader N: "leaderId/term" as peer N sees it, or "-" when it has none or does not answer.
leader() {
	local body
	body=$(curl -fsS --max-time 1 "http://127.0.0.1:$(port "$1")/leader" 2>/dev/null) || { echo -; return; }
	if [[ $body =~ \"leaderId\":([0-9]+).*\"term\":([0-9]+) ]]; then
		echo "${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
	else
		echo -
	fi
}

# agreed N...: prints "leaderId/term" if all the given peers report the same one.
agreed() {
	local first view p
	first=$(leader "$1") && [ "$first" != - ] || return 1
	for p in "${@:2}"; do
		view=$(leader "$p")
		[ "$view" = "$first" ] || return 1
	done
	echo "$first"
}

# alive_everywhere ID N...: peer ID is ALIVE in /peers of every given peer.
alive_everywhere() {
	local id=$1 p body
	for p in "${@:2}"; do
		body=$(curl -fsS --max-time 1 "http://127.0.0.1:$(port "$p")/peers" 2>/dev/null) || return 1
		[[ $body =~ \{\"id\":$id,[^}]*\"status\":\"ALIVE\" ]] || return 1
	done
}

# switched N...: when the last of the given peers took its current leader, in epoch ms, from
# the "since" field of /leader. The containers share the host's clock, so this times the
# switch itself; polling from the host adds its own latency (each curl takes 20-150 ms on a
# busy 2-core machine, and a round asks three or four peers).
switched() {
	local p body latest=0 t
	for p in "$@"; do
		body=$(curl -fsS --max-time 1 "http://127.0.0.1:$(port "$p")/leader" 2>/dev/null) || return 1
		[[ $body =~ \"since\":\"([^\"]+)\" ]] || return 1
		t=$(date -d "${BASH_REMATCH[1]}" +%s%3N) || return 1
		[ "$t" -le "$latest" ] || latest=$t
	done
	echo "$latest"
}

show() { # one line per peer: its /leader answer
	local p
	for p in "$@"; do
		printf '  peer%s: %s\n' "$p" "$(curl -sS --max-time 1 "http://127.0.0.1:$(port "$p")/leader" 2>&1 || true)"
	done
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [ "$FAILURES" -gt 0 ] || [ "$rc" -ne 0 ]; then
		say "logs of the peers (last 60 lines each):"
		compose logs --no-color --tail=60 2>&1 | plain || true
	fi
	say "tearing down"
	compose down -v --remove-orphans --timeout 5 >/dev/null 2>&1 || say "WARNING: 'docker compose down' failed"
	if [ "$FAILURES" -gt 0 ] || [ "$rc" -ne 0 ]; then
		say "FAILED ($FAILURES check(s) failed) after $((SECONDS))s"
		exit 1
	fi
	say "all checks passed in ${SECONDS}s"
}

# --- engine --------------------------------------------------------------------------------
if [ -f "$ENGINE_SCRIPT" ]; then
	bash "$ENGINE_SCRIPT" up
elif ! docker info >/dev/null 2>&1; then
	abort "no Docker engine answers and $ENGINE_SCRIPT does not exist (set DOCKER_ENGINE_SCRIPT)"
fi
for p in "${PEERS[@]}"; do
	if curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$(port "$p")/"; then
		abort "something already listens on 127.0.0.1:$(port "$p") (a running cluster?); stop it first"
	fi
done

if [ -z "${BELLWETHER_SECRET+set}" ]; then
	BELLWETHER_SECRET=$(head -c 32 /dev/urandom | base64)
fi
export BELLWETHER_SECRET

trap cleanup EXIT
trap 'exit 130' INT TERM
compose down -v --remove-orphans --timeout 5 >/dev/null 2>&1 || true # leftovers of an aborted run

# --- build and start -----------------------------------------------------------------------
t0=$(now_ms)
compose build --quiet || abort "docker compose build"
pass "image built in $(secs $(($(now_ms) - t0))) ($(docker image inspect -f '{{.Size}}' bellwether:local | awk '{printf "%.0f MB", $1/1e6}'))"

if docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' bellwether:local | grep -qi secret; then
	fail "the image has a secret in its environment"
else
	pass "no secret baked into the image"
fi

t0=$(now_ms)
if compose up -d --wait --wait-timeout "$UP_TIMEOUT_SECS" --no-build; then
	pass "all four containers healthy $(secs $(($(now_ms) - t0))) after 'up'"
else
	abort "containers not healthy within ${UP_TIMEOUT_SECS}s"
fi

# Healthy means "knows a leader"; peers that started at different times may still be settling.
deadline=$(($(now_ms) + REJOIN_LIMIT_SECS * 1000))
until view=$(agreed "${PEERS[@]}") && [ "${view%/*}" = 1 ]; do
	[ "$(now_ms)" -lt "$deadline" ] || { show "${PEERS[@]}"; abort "four peers do not agree on leader 1"; }
	sleep 0.2
done
pass "all four agree: leader 1, term ${view#*/} ($(secs $(($(now_ms) - t0))) after 'up')"
show "${PEERS[@]}"

# --- container hygiene ---------------------------------------------------------------------
if [ -n "$BELLWETHER_SECRET" ]; then
	if compose logs --no-color 2>&1 | grep -q 'NOT authenticated'; then
		fail "BELLWETHER_SECRET is set but a peer says its heartbeats are not authenticated"
	else
		pass "BELLWETHER_SECRET reaches the peers (heartbeats authenticated)"
	fi
fi
# The uid of peer2's java process, as the host's ps sees it (the image has no `id`).
uid=$(docker top "$(container 2)" -o pid,uid,comm | awk '$3 == "java" { print $2 }')
user=$(docker inspect -f '{{.Config.User}}' "$(container 2)")
if [ -n "$uid" ] && [ "$uid" != 0 ]; then
	pass "peers run as non-root (uid $uid, image user '$user')"
else
	fail "peer2 runs as uid '${uid}'"
fi
for p in "${PEERS[@]}"; do
	health=$(docker inspect -f '{{.State.Health.Status}}' "$(container "$p")")
	[ "$health" = healthy ] || fail "peer$p health is '$health'"
done
[ "$FAILURES" -gt 0 ] || pass "healthcheck status healthy on all four"

# --- crash the leader ----------------------------------------------------------------------
id1=$(container 1)
say "docker kill peer1 (the leader) at $(date +%T.%3N)"
t0=$(now_ms)
# In the background: `docker kill` itself takes a few hundred ms to return (it waits for the
# container to be gone), and the clock should run from the crash, not from then.
docker kill "$id1" >/dev/null &
kill_pid=$!
deadline=$((t0 + KILL_LIMIT_SECS * 1000))
until view=$(agreed 2 3 4) && [ "${view%/*}" != 1 ]; do
	if [ "$(now_ms)" -ge "$deadline" ]; then
		show 2 3 4
		abort "peers 2-4 do not agree on a new leader within ${KILL_LIMIT_SECS}s of 'docker kill'"
	fi
	sleep "$POLL"
done
kill_ms=$(($(now_ms) - t0))
wait "$kill_pid" || abort "docker kill failed"
if at=$(switched 2 3 4); then switch_ms=$((at - t0)); else switch_ms='?'; fi
say "measured: docker kill -> peers 2-4 switched to leader ${view%/*} (term ${view#*/}): ${switch_ms} ms" \
	"(their 'since'); agreement seen from the host after ${kill_ms} ms"
if [ "${view%/*}" = 2 ]; then
	pass "new leader 2 after the leader's crash, $(secs "$kill_ms")"
else
	fail "new leader is ${view%/*}, expected 2 (lowest live id)"
fi
show 2 3 4
say "what the survivors logged:"
compose logs --no-color --since "$(((t0 / 1000) - 1))" peer2 peer3 peer4 2>&1 |
	grep -E 'peer 1 (DEAD|ALIVE)|leader 1 ->' | plain || true

# --- bring it back -------------------------------------------------------------------------
say "docker start peer1"
t0=$(now_ms)
docker start "$id1" >/dev/null
deadline=$((t0 + REJOIN_LIMIT_SECS * 1000))
until alive_everywhere 1 "${PEERS[@]}"; do
	if [ "$(now_ms)" -ge "$deadline" ]; then
		abort "peer1 not ALIVE in every peer's /peers within ${REJOIN_LIMIT_SECS}s of 'docker start'"
	fi
	sleep "$POLL"
done
alive_ms=$(($(now_ms) - t0))
until view=$(agreed "${PEERS[@]}") && [ "${view%/*}" = 1 ]; do
	if [ "$(now_ms)" -ge "$deadline" ]; then
		show "${PEERS[@]}"
		abort "four peers do not agree on leader 1 within ${REJOIN_LIMIT_SECS}s of 'docker start'"
	fi
	sleep "$POLL"
done
agree_ms=$(($(now_ms) - t0))
if at=$(switched "${PEERS[@]}"); then switch_ms=$((at - t0)); else switch_ms='?'; fi
say "measured: docker start -> peer1 ALIVE everywhere: ${alive_ms} ms; all four on leader 1" \
	"(term ${view#*/}): ${switch_ms} ms (their 'since'), seen from the host after ${agree_ms} ms"
pass "peer1 rejoined and leads again, $(secs "$agree_ms") after 'docker start'"
show "${PEERS[@]}"
