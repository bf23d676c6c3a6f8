#!/usr/bin/env bash
# Failover benchmark: runs K trials of failure scenarios on N local peers and prints, per
# scenario, time-to-agreement (min/median/p95/max, ms), spurious leader changes and term
# disagreements. Not part of the build or the unit tests; results are in docs/failover.md.
#
#   scripts/benchmark.sh [-k K] [-s SCENARIO[,SCENARIO...]] [-n N] [-d MINUTES] [-c|-C]
#                        [-- <args for every peer>]
#
#   -k K     trials per scenario (default 10; 'launch' too)
#   -s LIST  scenarios, comma-separated (default: all, in this order):
#              launch          start N peers at once: time until all agree on leader 1
#              memory          RSS of every peer at rest (agreement + MEM_REST_S, 30 s)
#              kill-leader     kill -9 of the leader: time until all survivors agree
#              freeze-leader   SIGSTOP of the leader: time until all survivors agree
#              kill-follower   kill -9 of a follower: time until all survivors see it DEAD;
#                              every leader change counts as spurious
#              rejoin          the leader (lowest id) comes back after kill -9 + restart,
#                              and after SIGSTOP (timeout + 3 s) + SIGCONT: time until all
#                              agree on it again, leader changes meanwhile
#              split-none      2-2 split (lower half | upper half; iptables), no quorum:
#                              time until each side agrees on its own leader; heal: time
#                              until all agree on one leader
#              split-majority  the same with --bellwether.election.quorum=majority: time until
#                              nobody names a leader, then ~5 s (SPLIT_OBSERVE_S) of checking
#                              that NO peer names one (violations); heal: time to one leader
#              flap            freeze the leader for FLAP_FREEZE_MS (1000) every FLAP_PERIOD_S
#                              (10) s for D minutes: leader changes and DEAD suspicions (0 wanted)
#              flaky           the leader is frozen for timeout + 1 s, then runs for
#                              FLAKY_UP_MS (1500), over and over for FLAKY_S (60) s: leader
#                              changes (what the rejoin hold is for)
#   -n N     peers (default 4; split scenarios need an even N >= 4)
#   -d MIN   duration of 'flap' in minutes (default 10)
#   -c | -C  run the peers from the extracted jar with an AppCDS archive made for them
#            (as the Dockerfile does) | from the fat jar (default: -c)
#   --       everything after it goes to every peer, e.g.
#            -- --bellwether.heartbeat.interval=250ms --bellwether.heartbeat.timeout=1s
#
# Peer i gets its own loopback address 127.0.2.i (BENCH_NET.i) for heartbeats (port
# BENCH_HB_BASE+i-1, default 7201..; outbound heartbeat connections are sourced from it too),
# so that iptables rules in a chain of its own (BELLWETHER-BENCH, hooked into INPUT, removed at
# exit) can cut links between peers; HTTP is on 127.0.0.1:BENCH_HTTP_BASE+i-1 (8281..). Not
# 127.0.1.x: the chaos tests (src/test/.../chaos) put their peers there and cut links between
# those addresses with iptables, which would cut ours too when both run at once. The peers of every
# scenario are polled in parallel every POLL_MS (15 ms; 2*N ms above 8 peers): one curl per
# peer with a keep-alive connection (--rate, --max-time 0.5), each answer stamped with
# $EPOCHREALTIME when it arrives. A peer's switch is the arrival of the first answer of the
# unbroken run of answers showing the final state, so every time is an upper bound with a
# resolution of one poll interval plus one request; agreement is the last peer's switch.
# p95 is the nearest-rank percentile (with K=10, the largest value). Leader changes are
# counted from the peers' logs ("leader 1 -> 2 term 5"), between the fault and the end of
# the trial (SETTLE_MS, 2000 ms, after agreement). A term disagreement is a trial in which
# peers that named the same leader showed different terms for more than TERM_SKEW_MS (250).
#
# Everything (logs, jar copy, poll samples, the report) goes to target/benchmark/
# (BENCH_DIR); the report is target/benchmark/report-<time>.txt. Peers, pollers and
# firewall rules are removed on every exit.
#
# Environment: BENCH_HB_BASE (7201), BENCH_HTTP_BASE (8281), BENCH_NET (127.0.2), BENCH_DIR, BENCH_JAR
#   (target/bellwether.jar; built if missing), JAVA_OPTS (the JVM flags of every peer;
#   default: DEFAULT_JAVA_OPTS of scripts/local-cluster.sh), POLL_MS, SETTLE_MS,
#   TERM_SKEW_MS, FAILOVER_TIMEOUT_S (30), STABLE_TIMEOUT_S (300: start-up of N JVMs),
#   MEM_REST_S (30), SPLIT_OBSERVE_S (5), FLAP_FREEZE_MS, FLAP_PERIOD_S, FLAKY_S, FLAKY_UP_MS.
#
# Needs bash 5, coreutils, curl, java, and (split scenarios) iptables as root.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HB_BASE=${BENCH_HB_BASE:-7201}
NET=${BENCH_NET:-127.0.2}
HTTP_BASE=${BENCH_HTTP_BASE:-8281}
DIR=${BENCH_DIR:-$ROOT/target/benchmark}
JAR_SRC=${BENCH_JAR:-$ROOT/target/bellwether.jar}
CHAIN=BELLWETHER-BENCH
SETTLE_MS=${SETTLE_MS:-2000}
TERM_SKEW_MS=${TERM_SKEW_MS:-250}
FAILOVER_TIMEOUT_S=${FAILOVER_TIMEOUT_S:-30}
STABLE_TIMEOUT_S=${STABLE_TIMEOUT_S:-300}
MEM_REST_S=${MEM_REST_S:-30}
SPLIT_OBSERVE_S=${SPLIT_OBSERVE_S:-5}
FLAP_FREEZE_MS=${FLAP_FREEZE_MS:-1000}
FLAP_PERIOD_S=${FLAP_PERIOD_S:-10}
FLAKY_S=${FLAKY_S:-60}
FLAKY_UP_MS=${FLAKY_UP_MS:-1500}
POLL_MAXT=0.5

# The JVM flags: one source of truth, scripts/local-cluster.sh (also what the README shows).
LC_OPTS=$(sed -n 's/^DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$ROOT/scripts/local-cluster.sh")
JAVA_OPTS=${JAVA_OPTS-$LC_OPTS}

ALL_SCENARIOS=(launch memory kill-leader freeze-leader kill-follower rejoin split-none split-majority flap flaky)

usage() { sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() {
	echo "benchmark: $*" >&2
	exit 2
}

K=10
N=4
D=10
CDS=1
SCENARIOS=()
EXTRA=()
while (($#)); do
	case $1 in
		-k) (($# >= 2)) || die "-k needs a number"; K=$2; shift 2 ;;
		-n) (($# >= 2)) || die "-n needs a number"; N=$2; shift 2 ;;
		-d) (($# >= 2)) || die "-d needs a number of minutes"; D=$2; shift 2 ;;
		-s) (($# >= 2)) || die "-s needs a list of scenarios"; IFS=, read -r -a SCENARIOS <<<"$2"; shift 2 ;;
		-c) CDS=1; shift ;;
		-C) CDS=0; shift ;;
		-h | --help) usage; exit 0 ;;
		--) shift; EXTRA=("$@"); break ;;
		*) die "unknown argument '$1' (try --help)" ;;
	esac
done
((${#SCENARIOS[@]})) || SCENARIOS=("${ALL_SCENARIOS[@]}")
for s in "${SCENARIOS[@]}"; do
	[[ " ${ALL_SCENARIOS[*]} " == *" $s "* ]] || die "unknown scenario '$s' (one of: ${ALL_SCENARIOS[*]})"
done
[[ $K =~ ^[0-9]+$ ]] && ((K >= 1)) || die "K must be a positive number"
[[ $N =~ ^[0-9]+$ ]] && ((N >= 3 && N <= 64)) || die "N must be 3-64"
[[ $D =~ ^[0-9]+$ ]] && ((D >= 1)) || die "-d must be a positive number of minutes"
POLL_MS=${POLL_MS:-$((N <= 8 ? 15 : 2 * N))}
command -v java >/dev/null || die "java not found"
command -v curl >/dev/null || die "curl not found"

# dur_ms TEXT: Spring duration (500ms, 2s, 1m, 1500) in ms.
dur_ms() {
	local v=$1
	case $v in
		*ms) echo "${v%ms}" ;;
		*s) echo "$((${v%s} * 1000))" ;;
		*m) echo "$((${v%m} * 60000))" ;;
		*) echo "$v" ;;
	esac
}
# Settings of the peers (for expectations and the report).
INTERVAL=500ms TIMEOUT=2s HOLD=2s STICKY=false
for a in "${EXTRA[@]}"; do
	case $a in
		--bellwether.heartbeat.interval=*) INTERVAL=${a#*=} ;;
		--bellwether.heartbeat.timeout=*) TIMEOUT=${a#*=} ;;
		--bellwether.election.rejoin-hold=*) HOLD=${a#*=} ;;
		--bellwether.election.sticky=*) STICKY=${a#*=} ;;
	esac
done
TIMEOUT_MS=$(dur_ms "$TIMEOUT")
HOLD_MS=$(dur_ms "$HOLD")

# ---------------------------------------------------------------------------------------
# Output

mkdir -p "$DIR"
STAMP=$(date -u +%Y%m%d-%H%M%S)
REPORT=$DIR/report-$STAMP.txt
exec > >(tee -a "$REPORT") 2>&1

now_us() { NOW_US=${EPOCHREALTIME/./}; }
ms_between() { echo $((($2 - $1 + 500) / 1000)); } # ms_between T0_US T1_US
load() { # "1.23 2.34 3.45" (1, 5, 15 min)
	local a b c rest
	read -r a b c rest </proc/loadavg
	echo "$a $b $c"
}
rel() { echo "${1#"$ROOT"/}"; }
say() { echo "$(date -u +%T) $*"; }

SUMMARY=""
ANOMALIES=()
anomaly() {
	ANOMALIES+=("[$SCEN] $1")
	echo "    ANOMALY: $1"
}

# ---------------------------------------------------------------------------------------
# Peers

declare -A PID=()
CL_N=0
CL_SEQ=0
CL_KEY=""
JVM=()
read -r -a JVM <<<"$JAVA_OPTS"
APP=""  # jar the peers run
CDS_FLAG=()

url_of() { echo "http://127.0.0.1:$((HTTP_BASE + $1 - 1))"; }
addr_of() { echo "$NET.$1"; }
CL_LOGS=$DIR/logs
log_of() { echo "$CL_LOGS/peer$1.log"; }

alive_pid() { # alive_pid PID: runs our jar (not a zombie)
	local cmd
	[[ $1 =~ ^[0-9]+$ ]] || return 1
	cmd=$(tr '\0' ' ' 2>/dev/null </proc/$1/cmdline) || return 1
	[[ $cmd == *"-jar $APP "* ]]
}

prepare_jar() {
	if [[ ! -f $JAR_SRC ]]; then
		say "$(rel "$JAR_SRC") is missing: building it ..."
		(cd "$ROOT" && ./mvnw -B -q package -DskipTests) || die "the build failed"
	fi
	rm -rf "$DIR/app"
	mkdir -p "$DIR/app"
	cp -f "$JAR_SRC" "$DIR/app/fat.jar"
	if ((CDS)); then
		# As the Dockerfile: extract (a CDS archive needs plain jars on the class path), then a
		# training run that stops after the context refresh records the loaded classes.
		(cd "$DIR/app" && java -Djarmode=tools -jar fat.jar extract --destination x >/dev/null) ||
			die "extracting the jar failed"
		APP=$DIR/app/x/fat.jar
		say "Making the AppCDS archive (training run) ..."
		BELLWETHER_SELF_ID=1 BELLWETHER_PEERS=1@127.0.0.1:7999,2@127.0.0.1:7998 \
			java "${JVM[@]}" -XX:ArchiveClassesAtExit="$DIR/app/app.jsa" -Dspring.context.exit=onRefresh \
			-jar "$APP" >"$DIR/app/training.log" 2>&1 || true
		[[ -s $DIR/app/app.jsa ]] || die "no CDS archive made; see $(rel "$DIR/app/training.log")"
		CDS_FLAG=(-XX:SharedArchiveFile="$DIR/app/app.jsa")
	else
		APP=$DIR/app/fat.jar
		CDS_FLAG=()
	fi
}

CL_ARGS=()
start_peer() { # start_peer ID (with CL_ARGS / CL_N); appends to the log
	local id=$1 j args pid
	args=("$id" "$(addr_of "$id")" "$((HB_BASE + id - 1))")
	for ((j = 1; j <= CL_N; j++)); do
		((j == id)) || args+=("$j" "$(addr_of "$j")" "$((HB_BASE + j - 1))")
	done
	echo "----- started by benchmark.sh at $(date -u +%T.%N | cut -c1-12) -----" >>"$(log_of "$id")"
	java "${JVM[@]}" "${CDS_FLAG[@]}" -jar "$APP" "${args[@]}" --server.port=$((HTTP_BASE + id - 1)) \
		--server.address=127.0.0.1 --bellwether.bind-address="$(addr_of "$id")" "${CL_ARGS[@]}" \
		>>"$(log_of "$id")" 2>&1 </dev/null &
	pid=$!
	disown "$pid"
	PID[$id]=$pid
}

stop_peers() { # TERM (a clean LEAVE), KILL after 10 s
	local id pid left deadline
	for id in "${!PID[@]}"; do
		pid=${PID[$id]}
		kill -CONT "$pid" 2>/dev/null
		kill -TERM "$pid" 2>/dev/null
	done
	now_us
	deadline=$((NOW_US + 10000000))
	while :; do
		left=0
		for id in "${!PID[@]}"; do alive_pid "${PID[$id]}" && left=1; done
		((left)) || break
		now_us
		((NOW_US < deadline)) || break
		sleep 0.2
	done
	for id in "${!PID[@]}"; do alive_pid "${PID[$id]}" && kill -KILL "${PID[$id]}" 2>/dev/null; done
	PID=()
	CL_N=0
	CL_KEY=""
}

port_busy() { timeout 1 bash -c ": </dev/tcp/$1/$2" 2>/dev/null; }

# start_cluster ARGS...: N fresh peers with these peer args (logs truncated).
start_cluster() {
	local id busy=()
	stop_peers
	CL_ARGS=("$@")
	CL_N=$N
	# logs of each cluster in their own directory: logs/<run>/<n>-<scenario>/
	CL_SEQ=$((CL_SEQ + 1))
	CL_LOGS=$DIR/logs/$STAMP/$CL_SEQ-$SCEN
	mkdir -p "$CL_LOGS"
	for ((id = 1; id <= N; id++)); do
		port_busy 127.0.0.1 $((HTTP_BASE + id - 1)) && busy+=($((HTTP_BASE + id - 1)))
		port_busy "$(addr_of "$id")" $((HB_BASE + id - 1)) && busy+=($((HB_BASE + id - 1)))
	done
	((${#busy[@]} == 0)) || die "ports in use: ${busy[*]} (BENCH_HB_BASE / BENCH_HTTP_BASE)"
	for ((id = 1; id <= N; id++)); do
		: >"$(log_of "$id")"
		start_peer "$id"
	done
	CL_KEY="$N ${CL_ARGS[*]}"
}

# leader_of ID: "<leader> <term>", "none" or "down" (one request).
leader_of() {
	local out code body
	out=$(curl -s --max-time 1 -w '|%{http_code}' "$(url_of "$1")/leader" 2>/dev/null) || out="|000"
	code=${out##*|}
	body=${out%|*}
	if [[ $code == 200 && $body =~ \"leaderId\":([0-9]+) ]]; then
		local l=${BASH_REMATCH[1]}
		[[ $body =~ \"term\":([0-9]+) ]]
		echo "$l ${BASH_REMATCH[1]}"
	elif [[ $code == 503 ]]; then
		echo none
	else
		echo down
	fi
}

# all_alive_seen ID: the peer's /peers shows every peer ALIVE.
all_alive_seen() {
	local body
	body=$(curl -s --max-time 1 "$(url_of "$1")/peers" 2>/dev/null) || return 1
	[[ $body == *'"status":"ALIVE"'* && $body != *'"status":"DEAD"'* ]]
}

# ensure_stable [TIMEOUT_S]: every peer names leader 1 with one term and sees everyone
# ALIVE, twice in a row 0.5 s apart. Sets STABLE_TERM; returns 1 on timeout (STATES).
ensure_stable() {
	local limit=${1:-$STABLE_TIMEOUT_S} id s first ok good=0 deadline
	now_us
	deadline=$((NOW_US + limit * 1000000))
	while :; do
		ok=1
		STATES=""
		first=""
		for ((id = 1; id <= CL_N; id++)); do
			if ! alive_pid "${PID[$id]:-}"; then
				STATES+=" $id:exited"
				ok=0
				continue
			fi
			s=$(leader_of "$id")
			STATES+=" $id:${s/ /@}"
			[[ -n $first ]] || first=$s
			[[ $s == "$first" && ${s%% *} == 1 ]] || ok=0
		done
		if ((ok)); then
			for ((id = 1; id <= CL_N; id++)); do all_alive_seen "$id" || ok=0; done
		fi
		if ((ok)); then
			good=$((good + 1))
			if ((good >= 2)); then
				STABLE_TERM=${first#* }
				return 0
			fi
		else
			good=0
		fi
		now_us
		((NOW_US < deadline)) || return 1
		sleep 0.5
	done
}

# cluster ARGS...: a stable cluster of N peers with these args (reused when it is one).
cluster() {
	if [[ $CL_KEY != "$N $*" ]] || ! ensure_stable 20; then
		say "Starting $N peers (peer args: ${*:-none}) ..."
		start_cluster "$@"
		now_us
		local t0=$NOW_US
		if ! ensure_stable; then
			anomaly "the cluster did not settle on leader 1 within ${STABLE_TIMEOUT_S}s:$STATES"
			return 1
		fi
		say "All $N agree on leader 1 (term $STABLE_TERM) $(ms_between "$t0" "${EPOCHREALTIME/./}") ms after launch."
	fi
	return 0
}

# restore ID: restarts a peer that was killed (or resumes a frozen one), then waits for a
# stable cluster.
restore() {
	local id=$1
	if alive_pid "${PID[$id]}"; then
		kill -CONT "${PID[$id]}" 2>/dev/null
	else
		start_peer "$id"
	fi
	if ! ensure_stable; then
		anomaly "the cluster did not settle on leader 1 after restoring peer $id:$STATES"
		return 1
	fi
}

# ---------------------------------------------------------------------------------------
# Logs: leader changes ("leader 1 -> 2 term 5") since a mark

declare -A MARK=()
mark_logs() {
	local id n
	for ((id = 1; id <= CL_N; id++)); do
		n=0
		[[ -f $(log_of "$id") ]] && n=$(wc -l <"$(log_of "$id")")
		MARK[$id]=$n
	done
}
RE_CHANGE=': leader ([0-9]+|none) -> ([0-9]+|none) term ([0-9]+)'
RE_DEAD=': peer ([0-9]+) DEAD'
# changes ID: sets CH_N (leader changes logged since the mark), CH_TEXT ("1>2@5 2>1@6"),
# CH_DEAD (DEAD lines), CH_DOWN (terms that went down).
changes() {
	local id=$1 line lines last=-1
	CH_N=0 CH_TEXT="" CH_DEAD=0 CH_DOWN=""
	mapfile -t -s "${MARK[$id]:-0}" lines <"$(log_of "$id")"
	for line in "${lines[@]}"; do
		if [[ $line =~ $RE_CHANGE ]]; then
			CH_N=$((CH_N + 1))
			CH_TEXT+=" ${BASH_REMATCH[1]}>${BASH_REMATCH[2]}@${BASH_REMATCH[3]}"
			if ((BASH_REMATCH[3] < last)) && [[ ${BASH_REMATCH[2]} != none ]]; then
				CH_DOWN+=" ${line:0:12} ${line##*: }"
			fi
			[[ ${BASH_REMATCH[2]} == none ]] || last=${BASH_REMATCH[3]}
		elif [[ $line =~ $RE_DEAD ]]; then
			CH_DEAD=$((CH_DEAD + 1))
		elif [[ $line == *"started by benchmark.sh"* ]]; then
			last=-1
		fi
	done
	CH_TEXT=${CH_TEXT# }
}

# ---------------------------------------------------------------------------------------
# Pollers: one curl per peer (keep-alive, --rate), answers stamped on arrival.
# Sample files TRIAL/p<ID>: "<us> <state> <term> <since>" (state: leader id, none, down);
# /peers mode (peers:VICTIM): "<us> <victim status> <leader id>". TRIAL/p<ID>.last: latest.

TRIAL=$DIR/samples
POLLED=()
POLL_JOBS=()
RE_LID='"leaderId":([0-9]+)'
RE_TERM='"term":([0-9]+)'
RE_SINCE='"since":"([^"]+)"'
RE_PLEADER='\{"id":([0-9]+),[^}]*"leader":true'

stamp() { # stamp MODE FILE: reads "body|code" lines, writes normalized samples
	local mode=$1 out=$2 line ts code body st tm sn re_victim=""
	[[ $mode == peers:* ]] && re_victim='\{"id":'${mode#peers:}',[^}]*"status":"([A-Z]+)"'
	while IFS= read -r line; do
		ts=${EPOCHREALTIME/./}
		code=${line##*|}
		body=${line%|*}
		if [[ -n $re_victim ]]; then
			st=down tm=-
			if [[ $code == 200 && $body =~ $re_victim ]]; then
				st=${BASH_REMATCH[1]}
				tm=none
				[[ $body =~ $RE_PLEADER ]] && tm=${BASH_REMATCH[1]}
			fi
			sn=-
		elif [[ $code == 200 && $body =~ $RE_LID ]]; then
			st=${BASH_REMATCH[1]}
			tm=-
			sn=-
			[[ $body =~ $RE_TERM ]] && tm=${BASH_REMATCH[1]}
			[[ $body =~ $RE_SINCE ]] && sn=${BASH_REMATCH[1]}
		elif [[ $code == 503 ]]; then
			st=none tm=- sn=-
		else
			st=down tm=- sn=-
		fi
		echo "$ts $st $tm $sn"
		echo "$st $tm" >"$out.last"
	done >"$out"
}

poll_start() { # poll_start MODE [POLL_MS] -- ID...
	local mode=$1 every=$POLL_MS id path out
	shift
	if [[ $1 != -- ]]; then every=$1; shift; fi
	shift
	mkdir -p "$TRIAL"
	for id in "$@"; do
		out=$TRIAL/p$id
		rm -f "$out" "$out.last" "$out.curl"
		path=/leader
		[[ $mode == peers:* ]] && path=/peers
		{
			# -w goes to stderr (unbuffered) and the body to the same pipe, flushed (-N): each
			# answer reaches stamp at once, not with the next one.
			curl -sN --max-time "$POLL_MAXT" --rate "$((60000 / every))/m" -w '%{stderr}|%{http_code}\n' \
				"$(url_of "$id")$path?sample=[1-999999999]" 2>&1 >&2 &
			echo $! >"$out.curl"
			wait
		} 2>&1 | stamp "$mode" "$out" &
		POLL_JOBS+=($!)
		POLLED+=("$id")
	done
}

poll_stop() {
	local id f
	for id in "${POLLED[@]}"; do
		f=$TRIAL/p$id.curl
		for _ in 1 2 3 4 5 6 7 8 9 10; do [[ -s $f ]] && break; sleep 0.05; done
		[[ -s $f ]] && kill "$(<"$f")" 2>/dev/null
	done
	((${#POLL_JOBS[@]})) && wait "${POLL_JOBS[@]}" 2>/dev/null
	POLLED=()
	POLL_JOBS=()
}

last_of() { # last_of ID: LS (state) LT (term) from the latest sample
	local l=""
	read -r l 2>/dev/null <"$TRIAL/p$1.last"
	LS=${l%% *}
	LT=${l#* }
	[[ -n $LS ]] || LS=down
}

# wait_for TIMEOUT_MS CONDITION [ARGS...]: polls the .last files every 10 ms.
wait_for() {
	local limit=$1 deadline
	shift
	now_us
	deadline=$((NOW_US + limit * 1000))
	while ! "$@"; do
		now_us
		((NOW_US < deadline)) || return 1
		sleep 0.01
	done
}

# Conditions on the latest samples.
c_agree_not() { # c_agree_not OLD ID...: all name one leader, not OLD
	local old=$1 first="" id
	shift
	for id in "$@"; do
		last_of "$id"
		[[ $LS =~ ^[0-9]+$ && $LS != "$old" ]] || return 1
		[[ -z $first || $LS == "$first" ]] || return 1
		first=$LS
	done
}
c_agree_on() { # c_agree_on L ID...: all name L with one term
	local l=$1 t="" id
	shift
	for id in "$@"; do
		last_of "$id"
		[[ $LS == "$l" ]] || return 1
		[[ -z $t || $LT == "$t" ]] || return 1
		t=$LT
	done
}
c_all_none() { # c_all_none ID...
	local id
	for id in "$@"; do
		last_of "$id"
		[[ $LS == none ]] || return 1
	done
}
c_dead_seen() { # c_dead_seen ID...: /peers mode, all show the victim DEAD
	local id
	for id in "$@"; do
		last_of "$id"
		[[ $LS == DEAD ]] || return 1
	done
}
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# ---------------------------------------------------------------------------------------
# Analysis of the samples

# run_start ID STATE FROM_US TO_US: sets RUN (us) to the arrival of the first sample of the
# final unbroken run of samples in the window showing STATE ("down" samples are skipped:
# a slow answer is no change), or "" if the window does not end in STATE. FIRST_UP: the
# first sample that is not "down".
run_start() {
	local id=$1 want=$2 from=$3 to=$4 ts st rest cur="" start=""
	FIRST_UP=""
	while read -r ts st rest; do
		((ts >= from)) || continue
		((ts <= to)) || break
		[[ $st == down ]] && continue
		[[ -n $FIRST_UP ]] || FIRST_UP=$ts
		if [[ $st != "$cur" ]]; then
			cur=$st
			start=$ts
		fi
	done <"$TRIAL/p$id"
	RUN=""
	[[ $cur == "$want" ]] && RUN=$start
}

# agree_time WANT FROM TO ID...: AGREE (us) = the latest run start over the ids, "" if one
# does not end in WANT; LATE = the id that switched last.
agree_time() {
	local want=$1 from=$2 to=$3 id
	shift 3
	AGREE=0 LATE=""
	for id in "$@"; do
		run_start "$id" "$want" "$from" "$to"
		if [[ -z $RUN ]]; then
			AGREE=""
			return
		fi
		if ((RUN > AGREE)); then
			AGREE=$RUN
			LATE=$id
		fi
	done
}

# merged FROM TO ID...: all samples of the ids in the window, by time: "<us> <id> <st> <term>".
merged() {
	local from=$1 to=$2 id ts st tm rest
	shift 2
	for id in "$@"; do
		while read -r ts st tm rest; do
			((ts >= from && ts <= to)) && echo "$ts $id $st $tm"
		done <"$TRIAL/p$id"
	done | sort -n -k1,1
}

# term_split LEADER FROM TO ID...: TD_MS = the longest time during which every id's latest
# sample named LEADER but not all with one term; TD_END = 1 if it lasted to the end.
term_split() {
	local want=$1 from=$2 to=$3 ts id st tm k all same t0=0 split_since=""
	shift 3
	declare -A cs=() ct=()
	TD_MS=0 TD_END=0
	while read -r ts id st tm; do
		[[ $st == down ]] && continue
		cs[$id]=$st
		ct[$id]=$tm
		all=1 same=1 t0=""
		for k in "$@"; do
			[[ ${cs[$k]:-} == "$want" ]] || all=0
			[[ -z $t0 ]] && t0=${ct[$k]:-}
			[[ ${ct[$k]:-} == "$t0" ]] || same=0
		done
		if ((all && !same)); then
			[[ -n $split_since ]] || split_since=$ts
		elif [[ -n $split_since ]]; then
			(((ts - split_since) / 1000 > TD_MS)) && TD_MS=$(((ts - split_since) / 1000))
			split_since=""
		fi
	done < <(merged "$from" "$to" "$@")
	if [[ -n $split_since ]]; then
		TD_END=1
		(((to - split_since) / 1000 > TD_MS)) && TD_MS=$(((to - split_since) / 1000))
	fi
}

# leaders_named FROM TO ID...: LN_SAMPLES = samples naming a leader; LN_TWO_MS = longest time
# during which the ids' latest samples named two different leaders.
leaders_named() {
	local from=$1 to=$2 ts id st tm k l one split_since=""
	shift 2
	declare -A cs=()
	LN_SAMPLES=0 LN_TWO_MS=0
	while read -r ts id st tm; do
		[[ $st =~ ^[0-9]+$ ]] && LN_SAMPLES=$((LN_SAMPLES + 1))
		[[ $st == down ]] && continue
		cs[$id]=$st
		one="" l=1
		for k in "$@"; do
			[[ ${cs[$k]:-none} =~ ^[0-9]+$ ]] || continue
			[[ -z $one ]] && one=${cs[$k]}
			[[ ${cs[$k]} == "$one" ]] || l=2
		done
		if ((l == 2)); then
			[[ -n $split_since ]] || split_since=$ts
		elif [[ -n $split_since ]]; then
			(((ts - split_since) / 1000 > LN_TWO_MS)) && LN_TWO_MS=$(((ts - split_since) / 1000))
			split_since=""
		fi
	done < <(merged "$from" "$to" "$@")
	[[ -z $split_since ]] || { (((to - split_since) / 1000 > LN_TWO_MS)) && LN_TWO_MS=$(((to - split_since) / 1000)); }
}

# since_ms T0 ID...: PEER_MS = the latest "since" (peer clock, when it switched) minus T0, ms.
since_ms() {
	local t0=$1 id l s us max=0
	shift
	for id in "$@"; do
		l=$(tail -n 1 "$TRIAL/p$id")
		s=$(cut -d' ' -f4 <<<"$l")
		[[ $s == - || -z $s ]] && { PEER_MS="?"; return; }
		us=$(date -d "$s" +%s%6N 2>/dev/null) || { PEER_MS="?"; return; }
		((us > max)) && max=$us
	done
	PEER_MS=$(((max - t0 + 500) / 1000))
}

# ---------------------------------------------------------------------------------------
# Tables

# Rows of the current scenario: ROW_NAMES, ROW_VALUES[name] (space-separated), ROW_SPUR,
# ROW_TERM, ROW_FAIL; COUNT rows (a single number) in COUNTS.
ROW_NAMES=()
declare -A ROW_VALUES=() ROW_SPUR=() ROW_TERM=() ROW_FAIL=()
COUNTS=()
row_init() {
	local n
	for n in "$@"; do
		ROW_NAMES+=("$n")
		ROW_VALUES[$n]="" ROW_SPUR[$n]=0 ROW_TERM[$n]=0 ROW_FAIL[$n]=0
	done
}
row_add() { ROW_VALUES[$1]+=" $2"; }                   # row_add NAME MS
row_spur() { ROW_SPUR[$1]=$((ROW_SPUR[$1] + $2)); }   # row_spur NAME COUNT
row_term() { ROW_TERM[$1]=$((ROW_TERM[$1] + 1)); }    # row_term NAME
row_fail() { ROW_FAIL[$1]=$((ROW_FAIL[$1] + 1)); }    # row_fail NAME

stats() { # stats VALUES...: "n min median p95 max"
	local sorted n median p95i
	(($#)) || { echo "0 - - - -"; return; }
	mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
	n=${#sorted[@]}
	if ((n % 2)); then median=${sorted[n / 2]}; else median=$(((sorted[n / 2 - 1] + sorted[n / 2]) / 2)); fi
	p95i=$(((95 * n + 99) / 100 - 1)) # nearest rank
	echo "$n ${sorted[0]} $median ${sorted[p95i]} ${sorted[n - 1]}"
}

table() { # prints the scenario's table and adds it to the summary
	local name s out w=52
	out=$(
		echo
		echo "== $SCEN: $SCEN_INFO"
		echo "   $(date -u '+%F %T UTC'), load (1/5/15 min) before $SCEN_LOAD0, after $(load)"
		if ((${#ROW_NAMES[@]})); then
			printf "   %-${w}s %3s %7s %7s %7s %7s %9s %6s %6s\n" "time to agreement (ms)" n min median p95 max spurious term-dis failed
			for name in "${ROW_NAMES[@]}"; do
				read -r -a s <<<"$(stats ${ROW_VALUES[$name]})"
				printf "   %-${w}s %3s %7s %7s %7s %7s %9s %6s %6s\n" "$name" "${s[@]}" "${ROW_SPUR[$name]}" "${ROW_TERM[$name]}" "${ROW_FAIL[$name]}"
			done
		fi
		for name in "${COUNTS[@]}"; do echo "   $name"; done
	)
	echo "$out"
	SUMMARY+="$out"$'\n'
	ROW_NAMES=() COUNTS=()
	ROW_VALUES=() ROW_SPUR=() ROW_TERM=() ROW_FAIL=()
}

scen_begin() { # scen_begin NAME INFO
	SCEN=$1
	SCEN_INFO=$2
	SCEN_LOAD0=$(load)
	echo
	say "---- $SCEN: $SCEN_INFO (load $SCEN_LOAD0)"
}

others() { # others ID...: all ids of the cluster except these
	local i x skip
	for ((i = 1; i <= CL_N; i++)); do
		skip=0
		for x in "$@"; do ((i == x)) && skip=1; done
		((skip)) || printf '%s ' "$i"
	done
}
all_ids() { others; }

# survivor_changes EXPECTED ID...: sums log changes of the ids; SPUR = changes beyond
# EXPECTED per id; CHG = "id:changes" text.
survivor_changes() {
	local expected=$1 id
	shift
	SPUR=0 CHG="" DOWN=""
	for id in "$@"; do
		changes "$id"
		CHG+=" $id:${CH_TEXT:-none}"
		((CH_N > expected)) && SPUR=$((SPUR + CH_N - expected))
		[[ -z $CH_DOWN ]] || DOWN+=" peer $id:$CH_DOWN"
	done
	CHG=${CHG# }
	[[ -z $DOWN ]] || anomaly "term went down:$DOWN"
}

# ---------------------------------------------------------------------------------------
# Scenarios

# leader failover by kill -9 (SIG=KILL) or SIGSTOP (SIG=STOP)
scenario_leader_fault() {
	local sig=$1 row t leader=1 survivors t0 to ms verb=killed
	[[ $sig == STOP ]] && verb=stopped
	if [[ $sig == KILL ]]; then
		row="kill -9 leader -> $((N - 1)) survivors agree"
		scen_begin kill-leader "kill -9 of the leader, N=$N, K=$K, $(settings)"
	else
		row="SIGSTOP leader -> $((N - 1)) survivors agree"
		scen_begin freeze-leader "SIGSTOP of the leader, N=$N, K=$K, $(settings)"
	fi
	row_init "$row"
	cluster "${EXTRA[@]}" || { table; return; }
	read -r -a survivors <<<"$(others "$leader")"
	for ((t = 1; t <= K; t++)); do
		cluster "${EXTRA[@]}" || break
		poll_start leader -- "${survivors[@]}"
		sleep 0.3
		mark_logs
		now_us
		t0=$NOW_US
		kill -"$sig" "${PID[$leader]}"
		if ! wait_for $((FAILOVER_TIMEOUT_S * 1000)) c_agree_not "$leader" "${survivors[@]}"; then
			poll_stop
			row_fail "$row"
			anomaly "trial $t: survivors did not agree within ${FAILOVER_TIMEOUT_S}s"
			restore "$leader"
			continue
		fi
		sleep_ms "$SETTLE_MS"
		now_us
		to=$NOW_US
		poll_stop
		last_of "${survivors[0]}"
		local l=$LS
		agree_time "$l" "$t0" "$to" "${survivors[@]}"
		survivor_changes 1 "${survivors[@]}"
		if [[ -z $AGREE ]]; then
			row_fail "$row"
			anomaly "trial $t: no stable agreement in the samples (changes: $CHG)"
		else
			ms=$(ms_between "$t0" "$AGREE")
			row_add "$row" "$ms"
			row_spur "$row" "$SPUR"
			since_ms "$t0" "${survivors[@]}"
			term_split "$l" "$AGREE" "$to" "${survivors[@]}"
			((TD_MS > TERM_SKEW_MS)) && { row_term "$row"; anomaly "trial $t: terms differed for ${TD_MS} ms after agreement$( ((TD_END)) && echo ' (still at the end)')"; }
			echo "  trial $t: leader $leader $verb: survivors agree on $l after $ms ms (peer clocks: $PEER_MS ms; last: peer $LATE) [changes: $CHG] load $(load)"
			[[ $l == "${survivors[0]}" ]] || anomaly "trial $t: survivors agreed on $l, not on the lowest survivor ${survivors[0]}"
			((SPUR == 0)) || anomaly "trial $t: $SPUR spurious leader change(s): $CHG"
		fi
		restore "$leader"
	done
	table
}

scenario_kill_follower() {
	local row="kill -9 follower -> $((N - 1)) survivors see it DEAD" t victim survivors t0 to ms
	scen_begin kill-follower "kill -9 of a follower (2..N in turn), N=$N, K=$K, $(settings)"
	row_init "$row"
	cluster "${EXTRA[@]}" || { table; return; }
	for ((t = 1; t <= K; t++)); do
		cluster "${EXTRA[@]}" || break
		victim=$((2 + (t - 1) % (N - 1)))
		read -r -a survivors <<<"$(others "$victim")"
		local term_before=$STABLE_TERM
		poll_start "peers:$victim" -- "${survivors[@]}"
		sleep 0.3
		mark_logs
		now_us
		t0=$NOW_US
		kill -KILL "${PID[$victim]}"
		if ! wait_for $((FAILOVER_TIMEOUT_S * 1000)) c_dead_seen "${survivors[@]}"; then
			poll_stop
			row_fail "$row"
			anomaly "trial $t: survivors did not all see peer $victim DEAD within ${FAILOVER_TIMEOUT_S}s"
			restore "$victim"
			continue
		fi
		sleep_ms "$SETTLE_MS"
		now_us
		to=$NOW_US
		poll_stop
		agree_time DEAD "$t0" "$to" "${survivors[@]}"
		survivor_changes 0 "${survivors[@]}"
		local terms="" id s
		for id in "${survivors[@]}"; do
			s=$(leader_of "$id")
			terms+=" ${s#* }"
			[[ ${s%% *} == 1 ]] || anomaly "trial $t: peer $id names leader ${s%% *} after follower $victim died"
		done
		if [[ $(tr ' ' '\n' <<<"$terms" | sed '/^$/d' | sort -u | wc -l) -gt 1 || ${terms// /} != "$(printf "$term_before%.0s" "${survivors[@]}")" ]]; then
			row_term "$row"
			anomaly "trial $t: terms after follower $victim died:$terms (before: $term_before)"
		fi
		if [[ -z $AGREE ]]; then
			row_fail "$row"
		else
			ms=$(ms_between "$t0" "$AGREE")
			row_add "$row" "$ms"
			row_spur "$row" "$SPUR"
			echo "  trial $t: follower $victim killed: all survivors see it DEAD after $ms ms (last: peer $LATE); leader changes: $CHG; terms$terms; load $(load)"
			((SPUR == 0)) || anomaly "trial $t: the leader changed while follower $victim died: $CHG"
		fi
		restore "$victim"
	done
	table
}

scenario_rejoin() {
	local r1="restart: launch -> returning peer answers" r2="restart: answers -> all $N agree on it"
	local r3="resume: SIGCONT -> all $N agree on it" t survivors t0 t1 to ms up exp
	scen_begin rejoin "the lowest id returns (restart after kill -9; SIGCONT after SIGSTOP for timeout+3 s), N=$N, K=$K, $(settings)"
	row_init "$r1" "$r2" "$r3"
	local changes_restart=() changes_resume=()
	cluster "${EXTRA[@]}" || { table; return; }
	read -r -a survivors <<<"$(others 1)"
	# changes the returning peer may make: none -> incumbent -> itself after a restart,
	# itself -> incumbent -> itself after a pause (with a rejoin hold; one or none without)
	exp=2
	for ((t = 1; t <= K; t++)); do
		# a) kill -9, then restart
		cluster "${EXTRA[@]}" || break
		kill -KILL "${PID[1]}"
		poll_start leader -- "${survivors[@]}"
		wait_for $((FAILOVER_TIMEOUT_S * 1000)) c_agree_not 1 "${survivors[@]}" || anomaly "trial $t: survivors did not agree after kill -9"
		sleep 1
		poll_stop
		mark_logs
		poll_start leader -- $(all_ids)
		now_us
		t0=$NOW_US
		start_peer 1
		if ! wait_for $((STABLE_TIMEOUT_S * 1000)) c_agree_on 1 $(all_ids); then
			poll_stop
			row_fail "$r2"
			anomaly "trial $t: not all agreed on peer 1 after its restart"
		else
			sleep_ms "$SETTLE_MS"
			now_us
			to=$NOW_US
			poll_stop
			agree_time 1 "$t0" "$to" $(all_ids)
			run_start 1 1 "$t0" "$to"
			up=$FIRST_UP
			survivor_changes 1 "${survivors[@]}"
			local spur=$SPUR chg=$CHG
			survivor_changes "$exp" 1
			spur=$((spur + SPUR))
			local total=0 id
			for id in $(all_ids); do changes "$id"; total=$((total + CH_N)); done
			changes_restart+=("$total")
			if [[ -n $AGREE && -n $up ]]; then
				row_add "$r1" "$(ms_between "$t0" "$up")"
				row_add "$r2" "$(ms_between "$up" "$AGREE")"
				row_spur "$r2" "$spur"
				term_split 1 "$AGREE" "$to" $(all_ids)
				((TD_MS > TERM_SKEW_MS)) && { row_term "$r2"; anomaly "trial $t restart: terms differed for ${TD_MS} ms after agreement"; }
				echo "  trial $t restart: peer 1 answers after $(ms_between "$t0" "$up") ms, all agree on it $(ms_between "$up" "$AGREE") ms later; changes ($total): $chg $CHG; load $(load)"
			else
				row_fail "$r2"
			fi
			((spur == 0)) || anomaly "trial $t restart: $spur spurious change(s): $chg $CHG"
		fi
		ensure_stable || { anomaly "not stable after restart:$STATES"; break; }

		# b) SIGSTOP for timeout + 3 s, then SIGCONT
		poll_start leader -- "${survivors[@]}"
		now_us
		t1=$NOW_US
		kill -STOP "${PID[1]}"
		wait_for $((FAILOVER_TIMEOUT_S * 1000)) c_agree_not 1 "${survivors[@]}" || anomaly "trial $t: survivors did not agree after SIGSTOP"
		poll_stop
		now_us
		local rest_ms=$((TIMEOUT_MS + 3000 - (NOW_US - t1) / 1000))
		((rest_ms > 0)) && sleep_ms "$rest_ms"
		mark_logs
		poll_start leader -- $(all_ids)
		sleep 0.2
		now_us
		t0=$NOW_US
		kill -CONT "${PID[1]}"
		if ! wait_for $((FAILOVER_TIMEOUT_S * 1000)) c_agree_on 1 $(all_ids); then
			poll_stop
			row_fail "$r3"
			anomaly "trial $t: not all agreed on peer 1 after SIGCONT"
		else
			sleep_ms "$SETTLE_MS"
			now_us
			to=$NOW_US
			poll_stop
			agree_time 1 "$t0" "$to" $(all_ids)
			survivor_changes 1 "${survivors[@]}"
			local spur=$SPUR chg=$CHG
			survivor_changes "$exp" 1
			spur=$((spur + SPUR))
			local total=0 id
			for id in $(all_ids); do changes "$id"; total=$((total + CH_N)); done
			changes_resume+=("$total")
			if [[ -n $AGREE ]]; then
				ms=$(ms_between "$t0" "$AGREE")
				row_add "$r3" "$ms"
				row_spur "$r3" "$spur"
				term_split 1 "$AGREE" "$to" $(all_ids)
				((TD_MS > TERM_SKEW_MS)) && { row_term "$r3"; anomaly "trial $t resume: terms differed for ${TD_MS} ms after agreement"; }
				echo "  trial $t resume: all agree on peer 1 after $ms ms (last: peer $LATE); changes ($total): $chg $CHG; load $(load)"
				((ms >= HOLD_MS)) || [[ $STICKY == true ]] || anomaly "trial $t resume: peer 1 led everywhere after $ms ms, within the rejoin hold ($HOLD_MS ms)"
			else
				row_fail "$r3"
			fi
			((spur == 0)) || anomaly "trial $t resume: $spur spurious change(s): $chg $CHG"
		fi
	done
	COUNTS+=("leader changes during a restart (all peers, per trial): $(stats "${changes_restart[@]}" | awk_free_minmax)")
	COUNTS+=("leader changes during a resume (all peers, per trial): $(stats "${changes_resume[@]}" | awk_free_minmax)")
	COUNTS+=("(expected per trial: $((N - 1)) survivors x 1, returning peer up to $exp)")
	table
}
awk_free_minmax() { # "n min median p95 max" -> "min .. max (median m, n trials)"
	local n mn md p mx
	read -r n mn md p mx
	echo "min $mn, median $md, max $mx ($n trials)"
}

scenario_split() {
	local mode=$1 t a=() b=() t0 t1 to ms id args=() row_a row_b row_h row_n
	local half=$((N / 2))
	((N % 2 == 0 && N >= 4)) || { say "split scenarios need an even N >= 4; skipped"; return; }
	if ! fw_init; then
		say "iptables is not usable (root needed); $mode skipped"
		return
	fi
	for ((id = 1; id <= half; id++)); do a+=("$id"); done
	for ((id = half + 1; id <= N; id++)); do b+=("$id"); done
	for x in "${EXTRA[@]}"; do [[ $x == --bellwether.election.quorum=* ]] || args+=("$x"); done
	if [[ $mode == none ]]; then
		args+=(--bellwether.election.quorum=none)
		scen_begin split-none "${half}-${half} split {${a[*]}} | {${b[*]}} without quorum, then heal, N=$N, K=$K, $(settings)"
		row_b="split: side {${b[*]}} agrees on ${b[0]}"
		row_a="split: side {${a[*]}} keeps 1 (changes)"
		row_h="heal: all $N agree on 1"
		row_init "$row_b" "$row_h"
	else
		args+=(--bellwether.election.quorum=majority)
		scen_begin split-majority "${half}-${half} split {${a[*]}} | {${b[*]}} with quorum=majority, then heal, N=$N, K=$K, $(settings)"
		row_n="split: all $N peers drop the leader"
		row_h="heal: all $N agree on 1"
		row_init "$row_n" "$row_h"
	fi
	local violations=0 two_ms=0 observed=0
	cluster "${args[@]}" || { table; return; }
	for ((t = 1; t <= K; t++)); do
		cluster "${args[@]}" || break
		poll_start leader -- $(all_ids)
		sleep 0.3
		mark_logs
		now_us
		t0=$NOW_US
		fw_split "${a[*]}" "${b[*]}"
		if [[ $mode == none ]]; then
			if ! wait_for $((FAILOVER_TIMEOUT_S * 1000)) c_agree_not 1 "${b[@]}"; then
				row_fail "$row_b"
				anomaly "trial $t: side {${b[*]}} did not agree on a leader within ${FAILOVER_TIMEOUT_S}s"
			fi
			sleep_ms "$SETTLE_MS"
		else
			if ! wait_for $((FAILOVER_TIMEOUT_S * 1000)) c_all_none $(all_ids); then
				row_fail "$row_n"
				anomaly "trial $t: not all peers dropped the leader within ${FAILOVER_TIMEOUT_S}s"
			fi
			sleep "$SPLIT_OBSERVE_S"
		fi
		now_us
		t1=$NOW_US
		fw_heal
		if ! wait_for $((FAILOVER_TIMEOUT_S * 1000)) c_agree_on 1 $(all_ids); then
			row_fail "$row_h"
			anomaly "trial $t: not all agreed on 1 within ${FAILOVER_TIMEOUT_S}s after the heal"
		fi
		sleep_ms "$SETTLE_MS"
		now_us
		to=$NOW_US
		poll_stop
		local line="  trial $t:"
		if [[ $mode == none ]]; then
			agree_time "${b[0]}" "$t0" "$t1" "${b[@]}"
			if [[ -n $AGREE ]]; then
				ms=$(ms_between "$t0" "$AGREE")
				row_add "$row_b" "$ms"
				line+=" side {${b[*]}} agrees on ${b[0]} after $ms ms;"
			fi
			agree_time 1 "$t0" "$t1" "${a[@]}"
			[[ -n $AGREE ]] || anomaly "trial $t: side {${a[*]}} did not keep leader 1 during the split"
			# changes over split and heal (one log mark): none on side A; two on side B
			# (1 -> ${b[0]}, ${b[0]} -> 1)
			survivor_changes 0 "${a[@]}"
			local spur=$SPUR split_changes=$CHG
			survivor_changes 2 "${b[@]}"
			spur=$((spur + SPUR))
			split_changes+=" $CHG"
			row_spur "$row_h" "$spur"
			line+=" changes over split and heal: $split_changes;"
		else
			agree_time none "$t0" "$t1" $(all_ids)
			if [[ -n $AGREE ]]; then
				ms=$(ms_between "$t0" "$AGREE")
				row_add "$row_n" "$ms"
				line+=" nobody names a leader after $ms ms;"
				leaders_named "$AGREE" "$t1" $(all_ids)
				violations=$((violations + LN_SAMPLES))
				observed=$((observed + (t1 - AGREE) / 1000))
				line+=" then $((((t1 - AGREE) / 1000))) ms observed: $LN_SAMPLES sample(s) naming a leader;"
				((LN_SAMPLES == 0)) || anomaly "trial $t: $LN_SAMPLES sample(s) named a leader during the majority split"
			fi
			leaders_named "$t0" "$t1" $(all_ids)
			((LN_TWO_MS > two_ms)) && two_ms=$LN_TWO_MS
			((LN_TWO_MS == 0)) || anomaly "trial $t: two leaders named at once for $LN_TWO_MS ms during the majority split"
			# expected: one change (1 -> none) in the split, one (none -> 1) after the heal
			survivor_changes 2 $(all_ids)
			row_spur "$row_h" "$SPUR"
			line+=" changes: $CHG;"
		fi
		agree_time 1 "$t1" "$to" $(all_ids)
		if [[ -n $AGREE ]]; then
			ms=$(ms_between "$t1" "$AGREE")
			row_add "$row_h" "$ms"
			line+=" heal: all agree on 1 after $ms ms (last: peer $LATE)"
			term_split 1 "$AGREE" "$to" $(all_ids)
			((TD_MS > TERM_SKEW_MS)) && { row_term "$row_h"; anomaly "trial $t: terms differed for ${TD_MS} ms after the heal$( ((TD_END)) && echo ' (still at the end)')"; }
		fi
		echo "$line; load $(load)"
	done
	if [[ $mode == majority ]]; then
		COUNTS+=("samples naming a leader while every peer had dropped it (target 0): $violations in $((observed / 1000)) s observed over all trials")
		COUNTS+=("longest time two different leaders were named at once during the split: $two_ms ms")
	fi
	table
	stop_peers # the next scenario starts without quorum settings
}

scenario_flap() {
	local t0 end n=0 id total=0 dead=0 odd=0 chg=""
	scen_begin flap "leader frozen ${FLAP_FREEZE_MS} ms every ${FLAP_PERIOD_S} s for $D min, N=$N, $(settings)"
	cluster "${EXTRA[@]}" || { table; return; }
	local survivors
	read -r -a survivors <<<"$(others 1)"
	mark_logs
	poll_start leader 100 -- "${survivors[@]}"
	now_us
	t0=$NOW_US
	end=$((t0 + D * 60000000))
	while :; do
		now_us
		((NOW_US + FLAP_FREEZE_MS * 1000 < end)) || break
		kill -STOP "${PID[1]}"
		sleep_ms "$FLAP_FREEZE_MS"
		kill -CONT "${PID[1]}"
		n=$((n + 1))
		local next=$((t0 + n * FLAP_PERIOD_S * 1000000))
		now_us
		((next > end)) && next=$end
		((next > NOW_US)) && sleep_ms $(((next - NOW_US) / 1000))
		((n % 6 == 0)) && say "  $n freezes, load $(load)"
	done
	sleep 1
	now_us
	poll_stop
	for ((id = 1; id <= CL_N; id++)); do
		changes "$id"
		total=$((total + CH_N))
		dead=$((dead + CH_DEAD))
		[[ -z $CH_TEXT ]] || chg+=" $id:$CH_TEXT"
	done
	for id in "${survivors[@]}"; do
		local ts st rest
		while read -r ts st rest; do [[ $st == 1 || $st == down ]] || odd=$((odd + 1)); done <"$TRIAL/p$id"
	done
	COUNTS+=("freezes: $n x ${FLAP_FREEZE_MS} ms over $D min")
	COUNTS+=("leader changes (logs, all $N peers; target 0): $total${chg:+ (${chg# })}")
	COUNTS+=("DEAD suspicions (logs, all peers): $dead")
	COUNTS+=("survivor answers (every 100 ms) naming another leader or none: $odd")
	((total == 0)) || anomaly "$total leader change(s) while the leader froze for ${FLAP_FREEZE_MS} ms every ${FLAP_PERIOD_S} s:$chg"
	table
}

scenario_flaky() {
	local t0 end n=0 id total=0 chg="" down_ms=$((TIMEOUT_MS + 1000))
	scen_begin flaky "leader frozen $down_ms ms (timeout + 1 s), then up ${FLAKY_UP_MS} ms, for ${FLAKY_S} s, N=$N, $(settings)"
	cluster "${EXTRA[@]}" || { table; return; }
	local survivors fs=() fe=()
	read -r -a survivors <<<"$(others 1)"
	mark_logs
	poll_start leader 50 -- "${survivors[@]}"
	now_us
	t0=$NOW_US
	end=$((t0 + FLAKY_S * 1000000))
	while :; do
		now_us
		((NOW_US < end)) || break
		fs+=("$NOW_US")
		kill -STOP "${PID[1]}"
		sleep_ms "$down_ms"
		now_us
		fe+=("$NOW_US")
		kill -CONT "${PID[1]}"
		n=$((n + 1))
		sleep_ms "$FLAKY_UP_MS"
	done
	sleep 1
	poll_stop
	# switches to peer 1 that a survivor made while peer 1 was frozen: leadership handed to
	# a peer that had already stopped again
	local handed=0 ts st rest prev i
	for id in "${survivors[@]}"; do
		prev=""
		while read -r ts st rest; do
			[[ $st == down ]] && continue
			if [[ $st == 1 && -n $prev && $prev != 1 ]]; then
				for ((i = 0; i < ${#fs[@]}; i++)); do
					((ts > fs[i] && ts <= fe[i])) && { handed=$((handed + 1)); break; }
				done
			fi
			prev=$st
		done <"$TRIAL/p$id"
	done
	for ((id = 1; id <= CL_N; id++)); do
		changes "$id"
		total=$((total + CH_N))
		[[ -z $CH_TEXT ]] || chg+=" $id:$CH_TEXT"
	done
	COUNTS+=("cycles: $n (frozen $down_ms ms, up ${FLAKY_UP_MS} ms)")
	COUNTS+=("leader changes (logs, all $N peers): $total")
	COUNTS+=("per peer:${chg:- none}")
	COUNTS+=("switches to peer 1 made by a survivor while peer 1 was frozen again: $handed")
	table
	ensure_stable || stop_peers
}

scenario_launch() {
	local row="launch $N peers -> all agree on leader 1" row2="launch -> slowest peer answers HTTP" t t0 to id
	scen_begin launch "start $N peers at once, K=$K, $(settings)"
	row_init "$row" "$row2"
	for ((t = 1; t <= K; t++)); do
		stop_peers
		sleep 2
		CL_N=$N
		CL_SEQ=$((CL_SEQ + 1))
		CL_LOGS=$DIR/logs/$STAMP/$CL_SEQ-$SCEN
		mkdir -p "$CL_LOGS"
		poll_start leader 50 -- $(all_ids)
		CL_ARGS=("${EXTRA[@]}")
		for ((id = 1; id <= N; id++)); do : >"$(log_of "$id")"; done
		now_us
		t0=$NOW_US
		for ((id = 1; id <= N; id++)); do start_peer "$id"; done
		CL_KEY="$N ${CL_ARGS[*]}"
		if ! wait_for $((STABLE_TIMEOUT_S * 1000)) c_agree_on 1 $(all_ids); then
			poll_stop
			row_fail "$row"
			anomaly "trial $t: no agreement within ${STABLE_TIMEOUT_S}s"
			continue
		fi
		sleep 1
		now_us
		to=$NOW_US
		poll_stop
		agree_time 1 "$t0" "$to" $(all_ids)
		local slowest=0
		for id in $(all_ids); do
			run_start "$id" 1 "$t0" "$to"
			[[ -n $FIRST_UP ]] && ((FIRST_UP > slowest)) && slowest=$FIRST_UP
		done
		row_add "$row2" "$(ms_between "$t0" "$slowest")"
		if [[ -n $AGREE ]]; then
			row_add "$row" "$(ms_between "$t0" "$AGREE")"
			survivor_changes 1 $(all_ids)
			row_spur "$row" "$SPUR"
			echo "  trial $t: all answer after $(ms_between "$t0" "$slowest") ms, agree on 1 after $(ms_between "$t0" "$AGREE") ms [changes: $CHG]; load $(load)"
		else
			row_fail "$row"
		fi
	done
	table
}

scenario_memory() {
	local id rss anon file thr pss vals=() anons=() files=() psss=() line
	scen_begin memory "RSS of each of $N peers ${MEM_REST_S} s after they agree, JAVA_OPTS: ${JAVA_OPTS:-none}$( ((CDS)) && echo ' + AppCDS')"
	stop_peers
	cluster "${EXTRA[@]}" || { table; return; }
	sleep "$MEM_REST_S"
	line=""
	for ((id = 1; id <= CL_N; id++)); do
		rss=0 anon=0 file=0 thr=0
		while read -r k v rest; do
			case $k in
				VmRSS:) rss=$v ;;
				RssAnon:) anon=$v ;;
				RssFile:) file=$v ;;
				Threads:) thr=$v ;;
			esac
		done <"/proc/${PID[$id]}/status"
		pss=0
		while read -r k v rest; do [[ $k == Pss: ]] && pss=$v; done <"/proc/${PID[$id]}/smaps_rollup"
		psss+=($((pss / 1024)))
		vals+=($((rss / 1024)))
		anons+=($((anon / 1024)))
		files+=($((file / 1024)))
		line+=" $id:$((rss / 1024))MiB/${thr}thr"
	done
	echo "  per peer (VmRSS/threads):$line"
	COUNTS+=("VmRSS per peer (MiB):   n min median p95 max = $(stats "${vals[@]}")")
	COUNTS+=("  RssAnon (MiB):        n min median p95 max = $(stats "${anons[@]}")")
	COUNTS+=("  RssFile (MiB):        n min median p95 max = $(stats "${files[@]}")")
	COUNTS+=("  Pss (MiB):            n min median p95 max = $(stats "${psss[@]}")  (shared pages split between the peers)")
	COUNTS+=("per peer:$line")
	table
}

settings() {
	echo "interval $INTERVAL, timeout $TIMEOUT, rejoin-hold $HOLD${STICKY/false/}$([[ $STICKY == true ]] && echo ', sticky')${EXTRA[*]:+ (peer args: ${EXTRA[*]})}"
}

# ---------------------------------------------------------------------------------------
# Firewall

FW=0
fw_init() {
	((FW)) && return 0
	command -v iptables >/dev/null || return 1
	iptables -w -L INPUT -n >/dev/null 2>&1 || return 1
	fw_remove
	iptables -w -N "$CHAIN" && iptables -w -I INPUT -j "$CHAIN" || return 1
	FW=1
}
fw_split() { # fw_split "A..." "B...": drop both directions between the sides
	local x y
	for x in $1; do
		for y in $2; do
			iptables -w -A "$CHAIN" -s "$(addr_of "$x")" -d "$(addr_of "$y")" -j DROP
			iptables -w -A "$CHAIN" -s "$(addr_of "$y")" -d "$(addr_of "$x")" -j DROP
		done
	done
}
fw_heal() { iptables -w -F "$CHAIN"; }
fw_remove() {
	iptables -w -F "$CHAIN" 2>/dev/null
	iptables -w -D INPUT -j "$CHAIN" 2>/dev/null
	iptables -w -X "$CHAIN" 2>/dev/null
	return 0
}

# ---------------------------------------------------------------------------------------
# Run

cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	poll_stop 2>/dev/null
	((FW)) && fw_remove
	stop_peers
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

say "Bellwether failover benchmark: scenarios ${SCENARIOS[*]}; N=$N, K=$K; $(settings)"
say "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(($(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo) / 1024)) MiB; $(uname -sr); $(java -version 2>&1 | head -n 1)"
say "Jar: $(rel "$JAR_SRC") (built $(date -u -r "$JAR_SRC" '+%F %T UTC' 2>/dev/null || echo '?'); tree at $(git -C "$ROOT" log -1 --format='%h' 2>/dev/null || echo '?')); JAVA_OPTS: ${JAVA_OPTS:-none}; CDS: $( ((CDS)) && echo on || echo off); poll every ${POLL_MS} ms; load $(load)"
say "Report: $(rel "$REPORT")"
prepare_jar

for SCEN in "${SCENARIOS[@]}"; do
	case $SCEN in
		kill-leader) scenario_leader_fault KILL ;;
		freeze-leader) scenario_leader_fault STOP ;;
		kill-follower) scenario_kill_follower ;;
		rejoin) scenario_rejoin ;;
		split-none) scenario_split none ;;
		split-majority) scenario_split majority ;;
		flap) scenario_flap ;;
		flaky) scenario_flaky ;;
		launch) scenario_launch ;;
		memory) scenario_memory ;;
	esac
done

echo
echo "================ Summary ================"
echo "$SUMMARY"
if ((${#ANOMALIES[@]})); then
	echo "Anomalies (${#ANOMALIES[@]}):"
	printf '  - %s\n' "${ANOMALIES[@]}"
else
	echo "No anomalies."
fi
echo "Logs: $(rel "$DIR/logs/$STAMP")/*/peer*.log; report: $(rel "$REPORT")"
