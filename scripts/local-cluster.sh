#!/usr/bin/env bash
# Runs a Bellwether cluster of N peers as local java processes on 127.0.0.1.
#
#   scripts/local-cluster.sh [start] [-n N | N] [--detach] [-- <args for every peer>]
#   scripts/local-cluster.sh stop
#   scripts/local-cluster.sh status
#
# Peer i (1..N) heartbeats on 127.0.0.1:$((BELLWETHER_HB_BASE+i-1)) (default 7001..) and
# serves HTTP on $((BELLWETHER_HTTP_BASE+i-1)) (default 8081..). Logs and pid files go to
# target/local-cluster/ (override with BELLWETHER_CLUSTER_DIR). The script waits until all
# peers' GET /leader name the same leader and term (peer 1, or another leader that has held
# for 5 s). In the foreground (default) it then stays until Ctrl-C/TERM and stops the peers
# (TERM, KILL after 10 s). With --detach it returns once they agree and leaves them running;
# stop them with 'scripts/local-cluster.sh stop' (it reads the pid files). 'status' shows
# each peer's pid and leader.
#
# Environment:
#   BELLWETHER_HB_BASE    first heartbeat port (7001)
#   BELLWETHER_HTTP_BASE  first HTTP port (8081)
#   BELLWETHER_CLUSTER_DIR  where logs, pid files, the extracted jar and its AOT cache go
#                         (target/local-cluster)
#   BELLWETHER_WAIT_SECS  how long to wait for all peers to agree on a leader (90)
#   BELLWETHER_JAVA       the java to run (default: $JAVA_HOME/bin/java if it is JDK 25 or newer,
#                         else /usr/lib/jvm/temurin-25-jdk-amd64/bin/java if present, else java
#                         on PATH)
#   JAVA_OPTS             JVM flags added after config/jvm.options (later flags win)
#
# Every peer runs `java @config/jvm.options $JAVA_OPTS -XX:AOTCache=... -jar <copy>`. On JDK 25
# or newer the script records an AOT cache of the application once (a training run that stops
# when the Spring context is refreshed, before any port is opened) and records it again only
# when the jar, the java or JAVA_OPTS change; on JDK 17-24 it records a CDS archive the same way
# (-XX:ArchiveClassesAtExit). Measured figures: README.md, "JVM flags and start-up".
#
# Needs only bash, coreutils, curl and java (17 or newer).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE_DIR=${BELLWETHER_CLUSTER_DIR:-$ROOT/target/local-cluster}
HB_BASE=${BELLWETHER_HB_BASE:-7001}
HTTP_BASE=${BELLWETHER_HTTP_BASE:-8081}
WAIT_SECS=${BELLWETHER_WAIT_SECS:-90}
HOST=127.0.0.1
STOP_GRACE_SECS=10
STABLE_SECS=5

# The JVM flags: config/jvm.options (a java argument file, the one place they are written),
# then JAVA_OPTS, whose flags come later on the command line and so win.
JVM_OPTIONS=$ROOT/config/jvm.options
JAVA_OPTS=${JAVA_OPTS-}

JAR_SRC=$ROOT/target/bellwether.jar
# Peers run from an extracted copy (bellwether.jar + lib/), so that rebuilding
# target/bellwether.jar while they run does not pull the jar out from under the running JVMs,
# and so that the class path is the fixed list of files an AOT cache or CDS archive needs.
APP_DIR=$STATE_DIR/app
JAR=$APP_DIR/bellwether.jar
CLUSTER_FILE=$STATE_DIR/cluster.txt

usage() {
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

die() {
	echo "local-cluster: $*" >&2
	exit 1
}

rel() { # path relative to the project root, for printing
	local path=$1
	echo "${path#"$ROOT"/}"
}

# ---------------------------------------------------------------------------------------
# The JVM: which java, and its AOT cache (JDK 25+) or CDS archive (JDK 17-24)

# java_version JAVA: the full version of that java ("25.0.3", "17.0.15"), from the release
# file of its installation (no JVM started), else from the JVM itself.
java_version() {
	local bin release v
	bin=$(readlink -f "$(command -v "$1")") || return 1
	release=${bin%/bin/java}/release
	if [[ -f $release ]] && v=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$release") && [[ -n $v ]]; then
		echo "$v"
	else
		"$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.version = //p'
	fi
}

# pick_java: sets JAVA and JAVA_FEATURE (25, 17, ...). BELLWETHER_JAVA if set; else the first
# JDK 25+ of $JAVA_HOME and the Temurin 25 install path; else java on PATH (17 or newer).
pick_java() {
	local candidate v
	if [[ -n ${BELLWETHER_JAVA:-} ]]; then
		JAVA=$BELLWETHER_JAVA
		command -v "$JAVA" >/dev/null || die "BELLWETHER_JAVA=$JAVA is not an executable java"
	else
		JAVA=""
		for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; do
			if [[ -x $candidate ]] && v=$(java_version "$candidate") && ((${v%%[.+-]*} >= 25)); then
				JAVA=$candidate
				break
			fi
		done
		if [[ -z $JAVA ]]; then
			JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
			[[ -n $JAVA && -x $JAVA ]] || JAVA=java
			command -v "$JAVA" >/dev/null || die "java not found (set JAVA_HOME or BELLWETHER_JAVA, or put java on PATH)"
		fi
	fi
	JAVA_FULL_VERSION=$(java_version "$JAVA") || die "cannot tell the version of $JAVA"
	JAVA_FEATURE=${JAVA_FULL_VERSION%%[.+-]*}
	[[ $JAVA_FEATURE =~ ^[0-9]+$ ]] && ((JAVA_FEATURE >= 17)) ||
		die "$JAVA is Java $JAVA_FULL_VERSION; Bellwether needs 17 or newer"
}

# prepare_app: extracts target/bellwether.jar into APP_DIR (again only when the jar changed)
# and records the AOT cache or CDS archive for this jar, java and JAVA_OPTS (again only when
# one of them changed). Sets CACHE_FLAGS to the flag that uses it, or to nothing (with one
# line saying why) when recording failed.
prepare_app() {
	local sum key log kind file record use
	sum=$(sha256sum "$JAR_SRC") && sum=${sum%% *}
	if [[ ! -f $APP_DIR/jar.sha256 || $(<"$APP_DIR/jar.sha256") != "$sum" || ! -f $JAR ]]; then
		rm -rf "$APP_DIR" "$APP_DIR.tmp"
		"$JAVA" -Djarmode=tools -jar "$JAR_SRC" extract --destination "$APP_DIR.tmp" >/dev/null ||
			die "extracting $(rel "$JAR_SRC") failed"
		echo "$sum" >"$APP_DIR.tmp/jar.sha256"
		mv "$APP_DIR.tmp" "$APP_DIR"
	fi
	if ((JAVA_FEATURE >= 25)); then
		kind="AOT cache" file=$APP_DIR/app.aot
		record=(-XX:AOTCacheOutput="$file") use=(-XX:AOTCache="$file")
	else
		kind="CDS archive" file=$APP_DIR/app.jsa
		record=(-XX:ArchiveClassesAtExit="$file") use=(-XX:SharedArchiveFile="$file")
	fi
	key="$sum $(readlink -f "$(command -v "$JAVA")") $JAVA_FULL_VERSION $(sha256sum <"$JVM_OPTIONS") $JAVA_OPTS"
	log=$STATE_DIR/cache-record.log
	CACHE_FLAGS=()
	CACHE_NOTE=""
	if [[ -s $file && -f $file.key && $(<"$file.key") == "$key" ]]; then
		CACHE_FLAGS=("${use[@]}")
		CACHE_NOTE="$kind $(rel "$file")"
		return 0
	fi
	rm -f "$file" "$file.key"
	echo "Recording the $kind of this jar for Java $JAVA_FULL_VERSION (once per build; log: $(rel "$log")) ..."
	# A training run: the peer's start-up up to the refreshed Spring context, which then exits
	# (spring.context.exit=onRefresh): no heartbeat or HTTP port is ever opened.
	if "$JAVA" "@$JVM_OPTIONS" "${JVM_FLAGS[@]}" "${record[@]}" -Dspring.context.exit=onRefresh \
		-jar "$JAR" 1 127.0.0.1 7001 2 127.0.0.1 7002 --server.port=0 >"$log" 2>&1 && [[ -s $file ]]; then
		echo "$key" >"$file.key"
		CACHE_FLAGS=("${use[@]}")
		CACHE_NOTE="$kind $(rel "$file")"
	else
		rm -f "$file"
		echo "local-cluster: recording the $kind failed (see $(rel "$log")); starting the peers without it (slower start-up)." >&2
		CACHE_NOTE="no $kind (recording failed)"
	fi
}

# ---------------------------------------------------------------------------------------
# Peer processes

# is_ours PID: the process is alive (not a zombie) and runs this cluster's jar copy.
is_ours() {
	local pid=$1 cmdline
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
	[[ $cmdline == *"-jar $JAR "* ]]
}

# pid_files: the pid files of the cluster in STATE_DIR, ordered by peer id.
pid_files() {
	local f
	for f in "$STATE_DIR"/peer*.pid; do
		if [[ -e $f ]]; then echo "$f"; fi
	done | sort -V
}

# live_pids: the pids from pid files that still run this cluster's jar.
live_pids() {
	local f pid
	while read -r f; do
		pid=$(<"$f") || continue
		if is_ours "$pid"; then echo "$pid"; fi
	done < <(pid_files)
}

# stop_pids PID...: TERM, wait up to STOP_GRACE_SECS, then KILL what is left.
stop_pids() {
	local pid left=() deadline
	for pid in "$@"; do
		if is_ours "$pid"; then
			kill -TERM "$pid" 2>/dev/null || true
			kill -CONT "$pid" 2>/dev/null || true # a SIGSTOPped peer only acts on TERM once resumed
			left+=("$pid")
		fi
	done
	((${#left[@]})) || return 0
	echo "Stopping ${#left[@]} peer(s) (pids ${left[*]}): TERM, KILL after ${STOP_GRACE_SECS}s ..."
	deadline=$(($(date +%s) + STOP_GRACE_SECS))
	while (($(date +%s) < deadline)); do
		local still=()
		for pid in "${left[@]}"; do
			if is_ours "$pid"; then still+=("$pid"); fi
		done
		((${#still[@]})) || break
		sleep 0.2
	done
	for pid in "${left[@]}"; do
		if is_ours "$pid"; then
			echo "  pid $pid did not stop within ${STOP_GRACE_SECS}s: KILL"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done
	# Reap our own children (no-op for peers started by another invocation).
	wait "${left[@]}" 2>/dev/null || true
	return 0
}

stop_cluster() {
	local pids
	mapfile -t pids < <(live_pids)
	if ((${#pids[@]} == 0)); then
		echo "No running peers found in $(rel "$STATE_DIR")."
	else
		stop_pids "${pids[@]}"
		echo "Stopped."
	fi
	rm -f "$STATE_DIR"/peer*.pid "$CLUSTER_FILE"
}

# leader_of URL: prints "<leaderId> <term>", "none" (503: no leader) or "down".
leader_of() {
	local out code body
	out=$(curl -s --max-time 1 -w '\n%{http_code}' "$1/leader" 2>/dev/null) || {
		echo down
		return 0
	}
	code=${out##*$'\n'}
	body=${out%$'\n'*}
	if [[ $code == 200 && $body =~ \"leaderId\":([0-9]+) ]]; then
		local id=${BASH_REMATCH[1]} term=?
		[[ $body =~ \"term\":([0-9]+) ]] && term=${BASH_REMATCH[1]}
		echo "$id $term"
	elif [[ $code == 503 ]]; then
		echo none
	else
		echo down
	fi
}

status_cluster() {
	[[ -f $CLUSTER_FILE ]] || die "no cluster recorded in $(rel "$STATE_DIR") (start one first)"
	local id hb url pid log state
	while read -r id hb url pid log; do
		if is_ours "$pid"; then
			state=$(leader_of "$url")
			case $state in
				down) state="not answering" ;;
				none) state="no leader" ;;
				*) state="leader ${state% *} (term ${state#* })" ;;
			esac
		else
			state="not running"
		fi
		printf 'peer %-3s %-16s %-24s pid %-8s %s\n' "$id" "$hb" "$url" "$pid" "$state"
	done <"$CLUSTER_FILE"
}

# ---------------------------------------------------------------------------------------
# Start

N=4
DETACH=0
EXTRA=()
CMD=start

if (($#)) && [[ $1 == start || $1 == stop || $1 == status ]]; then
	CMD=$1
	shift
fi
while (($#)); do
	case $1 in
		-n) (($# >= 2)) || die "-n needs a number"; N=$2; shift 2 ;;
		-n*) N=${1#-n}; shift ;;
		--detach | -d) DETACH=1; shift ;;
		-h | --help) usage; exit 0 ;;
		--) shift; EXTRA=("$@"); break ;;
		*)
			[[ $1 =~ ^[0-9]+$ ]] || die "unknown argument '$1' (try --help)"
			N=$1
			shift
			;;
	esac
done

case $CMD in
	stop) stop_cluster; exit 0 ;;
	status) status_cluster; exit 0 ;;
esac

[[ $N =~ ^[0-9]+$ ]] && ((N >= 1 && N <= 64)) || die "number of peers must be 1-64, got '$N'"
[[ $HB_BASE =~ ^[0-9]+$ && $HTTP_BASE =~ ^[0-9]+$ ]] || die "port bases must be numbers"
((HB_BASE >= 1 && HB_BASE + N - 1 <= 65535 && HTTP_BASE >= 1 && HTTP_BASE + N - 1 <= 65535)) ||
	die "ports out of range"
[[ $WAIT_SECS =~ ^[0-9]+$ ]] || die "BELLWETHER_WAIT_SECS must be a number of seconds"
command -v curl >/dev/null || die "curl not found on PATH"

mkdir -p "$STATE_DIR"
mapfile -t running < <(live_pids)
((${#running[@]} == 0)) ||
	die "a cluster from $(rel "$STATE_DIR") is still running (pids ${running[*]}); stop it with: $0 stop"

port_in_use() {
	timeout 1 bash -c ": </dev/tcp/$HOST/$1" 2>/dev/null
}
busy=()
for ((i = 1; i <= N; i++)); do
	for port in $((HB_BASE + i - 1)) $((HTTP_BASE + i - 1)); do
		if port_in_use "$port"; then busy+=("$port"); fi
	done
done
((${#busy[@]} == 0)) || die "port(s) already in use on $HOST: ${busy[*]} (choose others with BELLWETHER_HB_BASE / BELLWETHER_HTTP_BASE)"

if [[ ! -f $JAR_SRC ]]; then
	echo "$(rel "$JAR_SRC") is missing: building it (./mvnw -B -q package -DskipTests) ..."
	(cd "$ROOT" && ./mvnw -B -q package -DskipTests) || die "building the jar failed (see above)"
	[[ -f $JAR_SRC ]] || die "the build did not produce $(rel "$JAR_SRC")"
fi
rm -f "$STATE_DIR"/peer*.pid "$STATE_DIR"/peer*.log "$CLUSTER_FILE"

read -r -a JVM_FLAGS <<<"$JAVA_OPTS"
pick_java
prepare_app

PIDS=()
KEEP_RUNNING=0
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	if ((KEEP_RUNNING == 0 && ${#PIDS[@]} > 0)); then
		stop_pids "${PIDS[@]}"
		rm -f "$STATE_DIR"/peer*.pid "$CLUSTER_FILE"
	fi
	exit "$rc"
}
on_signal() {
	echo
	echo "Got SIG$1."
	KEEP_RUNNING=0
	case $1 in
		INT) exit 130 ;;
		TERM) exit 143 ;;
		*) exit 129 ;;
	esac
}
trap cleanup EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

cd "$ROOT"
echo "Starting $N peer(s) from $(rel "$JAR_SRC") on Java $JAVA_FULL_VERSION ($JAVA) with @$(rel "$JVM_OPTIONS"), $CACHE_NOTE (JAVA_OPTS: ${JAVA_OPTS:-none}${EXTRA[*]:+; peer args: ${EXTRA[*]}})"
for ((i = 1; i <= N; i++)); do
	args=("$i" "$HOST" "$((HB_BASE + i - 1))")
	for ((j = 1; j <= N; j++)); do
		((j == i)) || args+=("$j" "$HOST" "$((HB_BASE + j - 1))")
	done
	log=$STATE_DIR/peer$i.log
	cmd=("$JAVA" "@$JVM_OPTIONS" "${JVM_FLAGS[@]}" "${CACHE_FLAGS[@]}" -jar "$JAR" "${args[@]}" "--server.port=$((HTTP_BASE + i - 1))" "${EXTRA[@]}")
	# Started in the background of a non-interactive shell, the peers ignore SIGINT: a Ctrl-C
	# reaches only this script, which stops them with TERM (a clean LEAVE). Detached peers
	# also ignore SIGHUP, so they survive the terminal.
	if ((DETACH)); then
		nohup "${cmd[@]}" >"$log" 2>&1 </dev/null &
	else
		"${cmd[@]}" >"$log" 2>&1 </dev/null &
	fi
	pid=$!
	PIDS+=("$pid")
	echo "$pid" >"$STATE_DIR/peer$i.pid"
	echo "$i $HOST:$((HB_BASE + i - 1)) http://$HOST:$((HTTP_BASE + i - 1)) $pid $(rel "$log")" >>"$CLUSTER_FILE"
done

echo
printf '%-5s %-22s %-24s %-8s %s\n' PEER HEARTBEAT HTTP PID LOG
while read -r id hb url pid log; do
	printf '%-5s %-22s %-24s %-8s %s\n' "$id" "$hb" "$url" "$pid" "$log"
done <"$CLUSTER_FILE"
echo

# Wait until every peer answers /leader with the same leader.
echo "Waiting up to ${WAIT_SECS}s for all peers to agree on a leader ..."
start_s=$(date +%s)
deadline=$((start_s + WAIT_SECS))
last_report=$start_s
agreed=""
interim=""
interim_since=0
while :; do
	states=()
	for ((i = 1; i <= N; i++)); do
		pid=${PIDS[i - 1]}
		if ! is_ours "$pid"; then
			echo "Peer $i (pid $pid) exited during start-up. Last lines of $(rel "$STATE_DIR/peer$i.log"):" >&2
			tail -n 15 "$STATE_DIR/peer$i.log" | sed 's/^/  | /' >&2
			exit 1
		fi
		states+=("$(leader_of "http://$HOST:$((HTTP_BASE + i - 1))")")
	done
	# Agreement: every peer names the same leader with the same term. With all peers up the
	# lowest id, peer 1, must end up leading; another leader can be agreed on for a moment
	# during start-up (when peer 1 comes up last, it takes over only after the rejoin hold),
	# so such an agreement only counts once it has held for STABLE_SECS.
	first=${states[0]}
	now=$(date +%s)
	same=0
	if [[ $first != down && $first != none ]]; then
		same=1
		for s in "${states[@]}"; do
			[[ $s == "$first" ]] || same=0
		done
	fi
	if ((same)) && [[ ${first% *} == 1 ]]; then
		agreed=$first
		break
	elif ((same)); then
		if [[ $first != "$interim" ]]; then
			interim=$first
			interim_since=$now
		elif ((now - interim_since >= STABLE_SECS)); then
			agreed=$first
			echo "Note: all peers have followed peer ${first% *} for ${STABLE_SECS}s although peer 1 is running; see the logs." >&2
			break
		fi
	else
		interim=""
	fi
	if ((now >= deadline)); then
		break
	fi
	if ((now - last_report >= 5)); then
		last_report=$now
		line=""
		for ((i = 1; i <= N; i++)); do
			case ${states[i - 1]} in
				down) line+=" $i:starting" ;;
				none) line+=" $i:no-leader" ;;
				*) line+=" $i:leader=${states[i - 1]% *}@term${states[i - 1]#* }" ;;
			esac
		done
		echo "  $((now - start_s))s:$line"
	fi
	sleep 0.5
done

if [[ -z $agreed ]]; then
	echo "Peers did not settle on a common leader within ${WAIT_SECS}s:" >&2
	for ((i = 1; i <= N; i++)); do
		echo "  peer $i: ${states[i - 1]}   (log: $(rel "$STATE_DIR/peer$i.log"))" >&2
	done
	if ((DETACH)); then
		exit 1 # cleanup stops the peers; the logs stay
	fi
	echo "Leaving them running for inspection." >&2
else
	echo "All $N peer(s) agree after $(($(date +%s) - start_s))s: leader is peer ${agreed% *} (term ${agreed#* })."
fi

if ((DETACH)); then
	KEEP_RUNNING=1
	echo "Peers left running. Stop them with: $(rel "$ROOT/scripts/local-cluster.sh") stop${BELLWETHER_CLUSTER_DIR:+  (with BELLWETHER_CLUSTER_DIR=$BELLWETHER_CLUSTER_DIR)}"
	exit 0
fi

echo "Cluster is running. Stop it with Ctrl-C, or scripts/local-cluster.sh stop (from another terminal)."
# Stay in the foreground; report peers that exit on their own. 'wait -n' returns when a peer
# exits or a trapped signal arrives.
declare -A gone=()
while :; do
	alive=0
	for ((i = 1; i <= N; i++)); do
		pid=${PIDS[i - 1]}
		if is_ours "$pid"; then
			alive=$((alive + 1))
		elif [[ -z ${gone[$i]:-} ]]; then
			gone[$i]=1
			wait "$pid" 2>/dev/null && rc=0 || rc=$?
			echo "Peer $i (pid $pid) exited (status $rc); see $(rel "$STATE_DIR/peer$i.log")."
		fi
	done
	if ((alive == 0)); then
		echo "All peers have exited."
		rm -f "$STATE_DIR"/peer*.pid "$CLUSTER_FILE"
		PIDS=()
		exit 0
	fi
	wait -n 2>/dev/null || sleep 1
done
