#!/usr/bin/env bash
# Measures how fast a local Bellwether cluster reacts to failures.
#
#   scripts/measure-failover.sh [-k K] [-n N] [-- <args for every peer>]
#
# Starts N peers (default 4) with scripts/local-cluster.sh --detach on their own ports
# (heartbeat 7101.., HTTP 8181..; logs in target/local-cluster/failover/), then runs K trials
# (default 5) of three scenarios:
#   a) kill -9 of the leader: time until all survivors' /leader name the same new leader;
#      then the peer is restarted with its original command line: time until all N agree
#      on the lowest id again.
#   b) kill -STOP of the leader: time until the survivors agree on a new leader; then
#      kill -CONT: time until all N agree on the lowest id again.
#   c) kill -9 of the highest-id follower: time until every survivor's /peers shows it DEAD,
#      checking that the leader does not change; then it is restarted as in a).
# Survivors are polled in parallel about every POLL_MS (20) ms with curl --max-time 0.5.
# A peer's switch is timed by the arrival of the first response of an unbroken run of
# responses showing the new state, so a time is an upper bound with a resolution of one
# poll round. Prints one line per trial and scenario, then min/median/max per measurement.
# The cluster is stopped at the end and on any exit.
#
# Environment: BELLWETHER_HB_BASE (7101), BELLWETHER_HTTP_BASE (8181),
#   BELLWETHER_CLUSTER_DIR (target/local-cluster/failover), BELLWETHER_WAIT_SECS (180: start-up),
#   JAVA_OPTS (as local-cluster.sh),
#   POLL_MS (20), FAILOVER_TIMEOUT_SECS (30), REJOIN_TIMEOUT_SECS (120), SETTLE_MS (1000:
#   how long a new leader is watched for flapping after agreement).
#
# Needs only bash (5+), coreutils, curl and java.
#
# A quick check of one cluster; scripts/benchmark.sh is the full failover benchmark (more
# scenarios: partitions, flapping, launch, memory; percentiles; spurious changes) whose
# results are in docs/failover.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LC=$ROOT/scripts/local-cluster.sh
export BELLWETHER_HB_BASE=${BELLWETHER_HB_BASE:-7101}
export BELLWETHER_HTTP_BASE=${BELLWETHER_HTTP_BASE:-8181}
export BELLWETHER_CLUSTER_DIR=${BELLWETHER_CLUSTER_DIR:-$ROOT/target/local-cluster/failover}
# Four JVMs starting at once on a small machine can take well over a minute under load.
export BELLWETHER_WAIT_SECS=${BELLWETHER_WAIT_SECS:-180}
STATE_DIR=$BELLWETHER_CLUSTER_DIR
HOST=127.0.0.1
POLL_MS=${POLL_MS:-20}
FAILOVER_TIMEOUT_MS=$((${FAILOVER_TIMEOUT_SECS:-30} * 1000))
REJOIN_TIMEOUT_MS=$((${REJOIN_TIMEOUT_SECS:-120} * 1000))
SETTLE_MS=${SETTLE_MS:-1000}

K=5
N=4
EXTRA=()
while (($#)); do
	case $1 in
		-k) (($# >= 2)) || { echo "-k needs a number" >&2; exit 2; }; K=$2; shift 2 ;;
		-k*) K=${1#-k}; shift ;;
		-n) (($# >= 2)) || { echo "-n needs a number" >&2; exit 2; }; N=$2; shift 2 ;;
		-n*) N=${1#-n}; shift ;;
		-h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
		--) shift; EXTRA=("$@"); break ;;
		*) echo "unknown argument '$1' (try --help)" >&2; exit 2 ;;
	esac
done
[[ $K =~ ^[0-9]+$ ]] && ((K >= 1)) || { echo "K must be a positive number" >&2; exit 2; }
[[ $N =~ ^[0-9]+$ ]] && ((N >= 3)) || { echo "N must be at least 3 (a leader, a follower to kill, a witness)" >&2; exit 2; }

# The rejoin hold the peers run with (bellwether.election.rejoin-hold, default 2s), to check
# that a returning lower id waits for it before taking leadership back.
HOLD_MS=2000
for arg in "${EXTRA[@]}"; do
	case $arg in
		--bellwether.election.rejoin-hold=*ms) HOLD_MS=${arg#*=}; HOLD_MS=${HOLD_MS%ms} ;;
		--bellwether.election.rejoin-hold=*s) HOLD_MS=${arg#*=}; HOLD_MS=$((${HOLD_MS%s} * 1000)) ;;
		--bellwether.election.rejoin-hold=*) HOLD_MS="" ;; # other formats: don't check
	esac
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/bellwether-failover.XXXXXX")

# ---------------------------------------------------------------------------------------
# Helpers

# now_us: sets NOW_US to the wall clock in microseconds (no fork with bash 5's EPOCHREALTIME).
now_us() {
	if [[ -n ${EPOCHREALTIME:-} ]]; then
		NOW_US=${EPOCHREALTIME/[.,]/}
	else
		NOW_US=$(($(date +%s%N) / 1000))
	fi
}

ms_since() { # ms_since T_US [T2_US]: (T2 or now) - T in ms
	local end=${2:-}
	if [[ -z $end ]]; then
		now_us
		end=$NOW_US
	fi
	echo $(((end - $1 + 500) / 1000))
}

url_of() { echo "http://$HOST:$((BELLWETHER_HTTP_BASE + $1 - 1))"; }
pid_of() { cat "$STATE_DIR/peer$1.pid"; }
log_of() { echo "$STATE_DIR/peer$1.log"; }
rel() { echo "${1#"$ROOT"/}"; }

cleanup() {
	local rc=$? f
	trap - EXIT INT TERM HUP
	echo
	echo "Stopping the failover cluster ..."
	for f in "$STATE_DIR"/peer*.pid; do
		[[ -e $f ]] || continue
		kill -CONT "$(<"$f")" 2>/dev/null || true # a peer left stopped must be able to exit
	done
	"$LC" stop || true
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# poll PATH ID...: GETs PATH from each peer in parallel (curl --max-time 0.5). Sets, per id,
# R_CODE (HTTP status, 000 if no answer), R_BODY and R_AT (arrival time, us).
declare -A R_CODE=() R_BODY=() R_AT=()
poll() {
	local path=$1 id jobs=() lines
	shift
	for id in "$@"; do
		(
			out=$(curl -s --max-time 0.5 -w '\n%{http_code}' "$(url_of "$id")$path" 2>/dev/null) || true
			now_us
			printf '%s\n%s\n' "$NOW_US" "$out" >"$TMP/r$id"
		) &
		jobs+=($!)
	done
	wait "${jobs[@]}" 2>/dev/null || true
	for id in "$@"; do
		mapfile -t lines <"$TMP/r$id"
		R_AT[$id]=${lines[0]}
		R_CODE[$id]=${lines[-1]:-000}
		((${#lines[@]} > 2)) && R_BODY[$id]=${lines[1]} || R_BODY[$id]=""
	done
}

# leader_state ID: after poll /leader, sets ST to "<leaderId> <term>", "none" (503: no
# leader) or "down" (no answer).
leader_state() {
	local body=${R_BODY[$1]} id
	if [[ ${R_CODE[$1]} == 200 && $body =~ \"leaderId\":([0-9]+) ]]; then
		id=${BASH_REMATCH[1]}
		ST="$id ?"
		if [[ $body =~ \"term\":([0-9]+) ]]; then ST="$id ${BASH_REMATCH[1]}"; fi
	elif [[ ${R_CODE[$1]} == 503 ]]; then
		ST=none
	else
		ST=down
	fi
}

collapse() { # collapse "3,3,3" -> "3"; "3,4,3" stays
	local parts p
	IFS=, read -r -a parts <<<"$1"
	for p in "${parts[@]}"; do
		if [[ $p != "${parts[0]}" ]]; then
			echo "$1"
			return 0
		fi
	done
	echo "${parts[0]}"
}

sleep_ms() {
	local s
	printf -v s '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
	sleep "$s"
}

# wait_leader MODE ARG TIMEOUT_MS POLL_MS ID...: polls /leader of the ids until they all
# name the same leader L, where MODE is "new" (L != ARG) or "is" (L == ARG).
# Sets AGREE_LEADER, AGREE_AT (us: when the last of them switched to L), AGREE_TERMS
# ("2" if equal, else "2,3,2"), FIRST_ANSWER_AT (us: first 200/503 of the first id), and
# LAST_STATES (for error messages). Returns 1 on timeout.
wait_leader() {
	local mode=$1 arg=$2 timeout_ms=$3 poll_ms=$4
	shift 4
	local ids=("$@") id leader start deadline all since terms
	declare -A run_of=() run_since=()
	now_us
	start=$NOW_US
	deadline=$((start + timeout_ms * 1000))
	FIRST_ANSWER_AT=""
	while :; do
		poll /leader "${ids[@]}"
		LAST_STATES=""
		for id in "${ids[@]}"; do
			leader_state "$id"
			LAST_STATES+=" $id:${ST/ /@term}"
			# A run of responses naming one leader starts at its first response.
			if [[ -z ${run_of[$id]:-} || ${ST%% *} != "${run_of[$id]%% *}" ]]; then
				run_since[$id]=${R_AT[$id]}
			fi
			run_of[$id]=$ST
			if [[ -z $FIRST_ANSWER_AT && $id == "${ids[0]}" && $ST != down ]]; then
				FIRST_ANSWER_AT=${R_AT[$id]}
			fi
		done
		leader=${run_of[${ids[0]}]%% *}
		all=1
		for id in "${ids[@]}"; do
			[[ ${run_of[$id]%% *} == "$leader" ]] || all=0
		done
		if ((all)) && [[ $leader =~ ^[0-9]+$ ]] &&
			{ [[ $mode == new && $leader != "$arg" ]] || [[ $mode == is && $leader == "$arg" ]]; }; then
			AGREE_LEADER=$leader
			AGREE_AT=0
			terms=""
			for id in "${ids[@]}"; do
				since=${run_since[$id]}
				((since > AGREE_AT)) && AGREE_AT=$since
				terms+=",${run_of[$id]#* }"
			done
			AGREE_TERMS=$(collapse "${terms#,}")
			return 0
		fi
		now_us
		((NOW_US < deadline)) || return 1
		sleep_ms "$poll_ms"
	done
}

# settle LEADER MS ID...: watches /leader for MS ms after agreement; sets SETTLE_NOTE to
# "" if every id kept following LEADER with one common term, else what was seen.
settle() {
	local leader=$1 ms=$2 end id seen=""
	shift 2
	now_us
	end=$((NOW_US + ms * 1000))
	declare -A terms=()
	while :; do
		poll /leader "$@"
		for id in "$@"; do
			leader_state "$id"
			if [[ ${ST%% *} != "$leader" ]]; then
				[[ $seen == *" $id:$ST;"* ]] || seen+=" $id:$ST;"
			else
				terms[$id]=${ST#* }
			fi
		done
		now_us
		((NOW_US < end)) || break
		sleep_ms "$POLL_MS"
	done
	SETTLE_NOTE=""
	[[ -z $seen ]] || SETTLE_NOTE="FLAP: after agreeing on $leader, saw (peer:leader term)${seen%;}"
	local distinct
	distinct=$(printf '%s\n' "${terms[@]}" | sort -u | tr '\n' ' ')
	if [[ -n ${terms[*]} && $(wc -w <<<"$distinct") -gt 1 ]]; then
		SETTLE_NOTE+="${SETTLE_NOTE:+; }TERMS DIFFER after settling: $(for id in "$@"; do printf '%s:%s ' "$id" "${terms[$id]:-?}"; done)"
	fi
	return 0
}

# restart ID CMDLINE_FILE: starts the peer again with the saved command line, appending to
# its log, and records its new pid where local-cluster.sh stop will find it.
restart() {
	local id=$1 cmd pid
	mapfile -d '' -t cmd <"$2"
	echo "----- restarted by measure-failover.sh at $(date +%T.%N | cut -c1-12) -----" >>"$(log_of "$id")"
	(cd "$ROOT" && exec nohup "${cmd[@]}" >>"$(log_of "$id")" 2>&1 </dev/null) &
	pid=$!
	disown "$pid" # no "Killed" job report when a later trial kills it
	echo "$pid" >"$STATE_DIR/peer$id.pid"
	if [[ -f $STATE_DIR/cluster.txt ]]; then
		local line out=""
		while read -r line; do
			set -- $line
			if [[ $1 == "$id" ]]; then line="$1 $2 $3 $pid $5"; fi
			out+="$line"$'\n'
		done <"$STATE_DIR/cluster.txt"
		printf '%s' "$out" >"$STATE_DIR/cluster.txt"
	fi
	RESTART_PID=$pid
}

save_cmdline() { # save_cmdline PID FILE
	cp "/proc/$1/cmdline" "$2"
	[[ -s $2 ]] || { echo "cannot read the command line of pid $1" >&2; return 1; }
}

others_than() { # others_than ID: all ids but ID
	local i
	for ((i = 1; i <= N; i++)); do ((i == $1)) || printf '%s ' "$i"; done
}

ALL=()
for ((i = 1; i <= N; i++)); do ALL+=("$i"); done

# ensure_stable: all N peers follow peer 1 (lowest id) with one term; aborts otherwise.
ensure_stable() {
	if ! wait_leader is 1 "$REJOIN_TIMEOUT_MS" 100 "${ALL[@]}"; then
		echo "ABORT: the cluster did not settle on leader 1 within $((REJOIN_TIMEOUT_MS / 1000))s:$LAST_STATES" >&2
		summary
		exit 1
	fi
	if [[ $AGREE_TERMS == *,* ]]; then
		sleep 1
		wait_leader is 1 5000 100 "${ALL[@]}" || true
	fi
	BASE_TERM=$AGREE_TERMS
}

# Measurements (ms), per scenario.
A_FAIL=() A_REJOIN=() B_FAIL=() B_RESUME=() C_DEAD=() C_REJOIN=()
NOTES=()
PENDING=()
note() { # recorded for the summary, printed under the current trial line
	NOTES+=("$1")
	PENDING+=("$1")
}
say() { # say LINE: prints a trial line and the notes gathered for it
	echo "$1"
	if ((${#PENDING[@]})); then printf '    NOTE: %s\n' "${PENDING[@]}"; fi
	PENDING=()
}

# ---------------------------------------------------------------------------------------
# Scenarios

scenario_a() { # kill -9 of the leader, then restart it
	local t=$1 leader=$AGREE_LEADER pid survivors t0 ms rejoin_ms answer_ms expect line
	pid=$(pid_of "$leader")
	read -r -a survivors <<<"$(others_than "$leader")"
	expect=${survivors[0]}
	save_cmdline "$pid" "$TMP/cmd$leader"
	now_us
	t0=$NOW_US
	kill -KILL "$pid"
	if ! wait_leader new "$leader" "$FAILOVER_TIMEOUT_MS" "$POLL_MS" "${survivors[@]}"; then
		line="trial $t a) kill -9 leader $leader: FAILED, survivors did not agree within $((FAILOVER_TIMEOUT_MS / 1000))s:$LAST_STATES"
		note "$line"
	else
		ms=$(ms_since "$t0" "$AGREE_AT")
		A_FAIL+=("$ms")
		line="trial $t a) kill -9 leader $leader: survivors ${survivors[*]} agree on leader $AGREE_LEADER (term $AGREE_TERMS) after ${ms} ms"
		[[ $AGREE_LEADER == "$expect" ]] || note "trial $t a): survivors agreed on $AGREE_LEADER, expected lowest survivor $expect"
		[[ $AGREE_TERMS != *,* ]] || note "trial $t a): terms differ at agreement: $AGREE_TERMS"
		settle "$AGREE_LEADER" "$SETTLE_MS" "${survivors[@]}"
		[[ -z $SETTLE_NOTE ]] || note "trial $t a): $SETTLE_NOTE"
	fi
	# Rejoin.
	now_us
	t0=$NOW_US
	restart "$leader" "$TMP/cmd$leader"
	if ! wait_leader is 1 "$REJOIN_TIMEOUT_MS" 100 "$leader" "${survivors[@]}"; then
		say "$line; restart: FAILED, no agreement on leader 1 within $((REJOIN_TIMEOUT_MS / 1000))s:$LAST_STATES"
		note "trial $t a) rejoin failed:$LAST_STATES"
		return 0
	fi
	rejoin_ms=$(ms_since "$t0" "$AGREE_AT")
	answer_ms=$(ms_since "$t0" "$FIRST_ANSWER_AT")
	A_REJOIN+=("$rejoin_ms")
	[[ $AGREE_TERMS != *,* ]] || note "trial $t a) rejoin: terms differ at agreement: $AGREE_TERMS"
	say "$line; restarted (pid $RESTART_PID): answering after ${answer_ms} ms, all $N agree on leader 1 (term $AGREE_TERMS) after ${rejoin_ms} ms"
}

scenario_b() { # kill -STOP of the leader, then -CONT
	local t=$1 leader=$AGREE_LEADER pid survivors t0 ms resume_ms expect line
	pid=$(pid_of "$leader")
	read -r -a survivors <<<"$(others_than "$leader")"
	expect=${survivors[0]}
	now_us
	t0=$NOW_US
	kill -STOP "$pid"
	if ! wait_leader new "$leader" "$FAILOVER_TIMEOUT_MS" "$POLL_MS" "${survivors[@]}"; then
		line="trial $t b) STOP leader $leader: FAILED, survivors did not agree within $((FAILOVER_TIMEOUT_MS / 1000))s:$LAST_STATES"
		note "$line"
	else
		ms=$(ms_since "$t0" "$AGREE_AT")
		B_FAIL+=("$ms")
		line="trial $t b) STOP leader $leader: survivors ${survivors[*]} agree on leader $AGREE_LEADER (term $AGREE_TERMS) after ${ms} ms"
		[[ $AGREE_LEADER == "$expect" ]] || note "trial $t b): survivors agreed on $AGREE_LEADER, expected lowest survivor $expect"
		[[ $AGREE_TERMS != *,* ]] || note "trial $t b): terms differ at agreement: $AGREE_TERMS"
		settle "$AGREE_LEADER" "$SETTLE_MS" "${survivors[@]}"
		[[ -z $SETTLE_NOTE ]] || note "trial $t b): $SETTLE_NOTE"
	fi
	now_us
	t0=$NOW_US
	kill -CONT "$pid"
	if ! wait_leader is 1 "$REJOIN_TIMEOUT_MS" "$POLL_MS" "${ALL[@]}"; then
		say "$line; CONT: FAILED, no agreement on leader 1 within $((REJOIN_TIMEOUT_MS / 1000))s:$LAST_STATES"
		note "trial $t b) resume failed:$LAST_STATES"
		return 0
	fi
	resume_ms=$(ms_since "$t0" "$AGREE_AT")
	B_RESUME+=("$resume_ms")
	if [[ -n $HOLD_MS && ${B_FAIL[*]} && $resume_ms -lt $HOLD_MS ]]; then
		note "trial $t b): resumed peer $leader was leader again everywhere ${resume_ms} ms after CONT, within the rejoin hold (${HOLD_MS} ms)"
	fi
	[[ $AGREE_TERMS != *,* ]] || note "trial $t b) resume: terms differ at agreement: $AGREE_TERMS"
	say "$line; CONT: all $N agree on leader 1 (term $AGREE_TERMS) after ${resume_ms} ms"
}

scenario_c() { # kill -9 of the highest-id follower, then restart it
	local t=$1 leader=$AGREE_LEADER victim=$N pid survivors t0 ms rejoin_ms answer_ms id line
	local base_term=$AGREE_TERMS re_status re_leader deadline all changed=""
	declare -A dead_since=()
	pid=$(pid_of "$victim")
	read -r -a survivors <<<"$(others_than "$victim")"
	save_cmdline "$pid" "$TMP/cmd$victim"
	re_status='\{"id":'"$victim"',[^}]*"status":"([A-Z]+)"'
	re_leader='\{"id":([0-9]+),[^}]*"leader":true'
	now_us
	t0=$NOW_US
	deadline=$((t0 + FAILOVER_TIMEOUT_MS * 1000))
	kill -KILL "$pid"
	while :; do
		poll /peers "${survivors[@]}"
		all=1
		for id in "${survivors[@]}"; do
			if [[ ${R_CODE[$id]} == 200 && ${R_BODY[$id]} =~ $re_status && ${BASH_REMATCH[1]} == DEAD ]]; then
				[[ -n ${dead_since[$id]:-} ]] || dead_since[$id]=${R_AT[$id]}
			else
				unset "dead_since[$id]"
				all=0
			fi
			if [[ ${R_CODE[$id]} == 200 ]]; then
				if [[ ${R_BODY[$id]} =~ $re_leader ]]; then
					[[ ${BASH_REMATCH[1]} == "$leader" ]] || changed+=" $id:${BASH_REMATCH[1]}"
				else
					changed+=" $id:none"
				fi
			fi
		done
		((all)) && break
		now_us
		((NOW_US < deadline)) || break
		sleep_ms "$POLL_MS"
	done
	if ((!all)); then
		line="trial $t c) kill -9 follower $victim: FAILED, not DEAD everywhere within $((FAILOVER_TIMEOUT_MS / 1000))s"
		note "$line"
	else
		local last=0
		for id in "${survivors[@]}"; do ((dead_since[$id] > last)) && last=${dead_since[$id]}; done
		ms=$(ms_since "$t0" "$last")
		C_DEAD+=("$ms")
		poll /leader "${survivors[@]}"
		local terms=""
		for id in "${survivors[@]}"; do
			leader_state "$id"
			[[ ${ST%% *} == "$leader" ]] || changed+=" $id:${ST%% *}"
			terms+=" ${ST#* }"
		done
		line="trial $t c) kill -9 follower $victim: survivors ${survivors[*]} see it DEAD after ${ms} ms; leader"
		if [[ -z $changed ]]; then
			line+=" unchanged ($leader, terms$terms; before: $base_term)"
		else
			line+=" CHANGED (peer:leader$changed)"
			note "trial $t c): the leader changed while a follower died: peer:leader$changed"
		fi
		[[ $(tr ' ' '\n' <<<"$terms" | sed '/^$/d' | sort -u | tr -d '\n') == "$base_term" ]] ||
			note "trial $t c): terms after the follower died:$terms (before: $base_term)"
	fi
	now_us
	t0=$NOW_US
	restart "$victim" "$TMP/cmd$victim"
	if ! wait_leader is 1 "$REJOIN_TIMEOUT_MS" 100 "$victim" "${survivors[@]}"; then
		say "$line; restart: FAILED, no agreement on leader 1 within $((REJOIN_TIMEOUT_MS / 1000))s:$LAST_STATES"
		note "trial $t c) rejoin failed:$LAST_STATES"
		return 0
	fi
	rejoin_ms=$(ms_since "$t0" "$AGREE_AT")
	answer_ms=$(ms_since "$t0" "$FIRST_ANSWER_AT")
	C_REJOIN+=("$rejoin_ms")
	[[ $AGREE_TERMS != *,* ]] || note "trial $t c) rejoin: terms differ at agreement: $AGREE_TERMS"
	say "$line; restarted (pid $RESTART_PID): answering after ${answer_ms} ms, all $N agree on leader 1 (term $AGREE_TERMS) after ${rejoin_ms} ms"
}

# check_logs: notes every place where a peer's term went down within one run of the JVM
# ("leader 2 -> 1 term 7" after "term 8"), from the election lines of the logs.
check_logs() {
	local id line last term re_change re_adjust
	re_change='ElectionService +: leader [^ ]+ -> [^ ]+ term ([0-9]+)'
	re_adjust='LeaderTracker +: leader [0-9]+ term ([0-9]+) -> ([0-9]+)'
	for id in "${ALL[@]}"; do
		last=0
		while IFS= read -r line; do
			if [[ $line == *"Starting BellwetherApplication"* ]]; then
				last=0
			elif [[ $line =~ $re_change ]]; then
				term=${BASH_REMATCH[1]}
				((term >= last)) || note "peer $id: term went down from $last to $term: ${line:0:12} ${line##*: }"
				last=$term
			elif [[ $line =~ $re_adjust ]]; then
				term=${BASH_REMATCH[2]}
				((term >= last)) || note "peer $id: term went down from $last to $term: ${line:0:12} ${line##*: }"
				last=$term
			fi
		done <"$(log_of "$id")"
	done
}

stats_row() { # stats_row LABEL VALUES...
	local label=$1
	shift
	if (($# == 0)); then
		printf '%-46s %3s %8s %8s %8s\n' "$label" 0 - - -
		return
	fi
	local sorted n median
	mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
	n=${#sorted[@]}
	if ((n % 2)); then
		median=${sorted[n / 2]}
	else
		median=$(((sorted[n / 2 - 1] + sorted[n / 2]) / 2))
	fi
	printf '%-46s %3s %8s %8s %8s\n' "$label" "$n" "${sorted[0]}" "$median" "${sorted[n - 1]}"
}

# summary: the table of results, and the anomalies seen (including those in the logs).
summary() {
	check_logs
	PENDING=()

	echo
	echo "Results over $K trial(s), $N peers (ms; each value is an upper bound with a resolution of one poll round):"
	printf '%-46s %3s %8s %8s %8s\n' "measurement" n min median max
	stats_row "a) kill -9 leader -> survivors agree" "${A_FAIL[@]}"
	stats_row "a) restart it -> all agree on leader 1" "${A_REJOIN[@]}"
	stats_row "b) STOP leader -> survivors agree" "${B_FAIL[@]}"
	stats_row "b) CONT -> all agree on leader 1" "${B_RESUME[@]}"
	stats_row "c) kill -9 follower -> all survivors see DEAD" "${C_DEAD[@]}"
	stats_row "c) restart it -> all agree on leader 1" "${C_REJOIN[@]}"
	echo
	if ((${#NOTES[@]})); then
		echo "Anomalies (${#NOTES[@]}):"
		printf '  - %s\n' "${NOTES[@]}"
	else
		echo "No anomalies: every failover chose the lowest surviving id, terms were equal, no flapping, the leader kept its place when a follower died."
	fi
	echo "Logs: $(rel "$STATE_DIR")/peer*.log"
}

# ---------------------------------------------------------------------------------------
# Run

echo "Failover measurement: $N peers, $K trial(s), heartbeat ports $BELLWETHER_HB_BASE.., HTTP ports $BELLWETHER_HTTP_BASE.., poll every ${POLL_MS} ms"
"$LC" stop >/dev/null 2>&1 || true # a cluster left over from an interrupted run in our own directory
"$LC" --detach -n "$N" -- "${EXTRA[@]}"
echo
echo "Waiting for the cluster to settle on leader 1 ..."
ensure_stable
echo "Stable: all $N peers follow peer 1 (term $BASE_TERM)."
echo

for ((t = 1; t <= K; t++)); do
	ensure_stable
	scenario_a "$t"
	ensure_stable
	scenario_b "$t"
	ensure_stable
	scenario_c "$t"
done

summary
