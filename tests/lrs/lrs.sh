#!/usr/bin/env bash
# A real Learning Record Store for Hearken's tests: Ralph (the PyPI package ralph-malph) with its
# file-system backend, on 127.0.0.1. See tests/lrs/README.md.
#
#   tests/lrs/lrs.sh install   make the Python environment under target/lrs (once; kept there)
#   tests/lrs/lrs.sh start     install if needed, start a server in the background, wait until it
#                              answers, and print `export HEARKEN_TEST_LRS…=…` lines for `eval`
#   tests/lrs/lrs.sh stop      stop the server `start` started
#   tests/lrs/lrs.sh serve     start a server in the foreground: prints one line
#                              `READY <endpoint> <username> <password>` when it answers, and exits
#                              when its standard input closes (how the tests start one themselves)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base="${CARGO_TARGET_DIR:-$root/target}/lrs"
venv="$base/venv"
# Bump to reinstall everywhere.
wanted="ralph-malph[lrs,cli]==5.1.0 requests==2.32.3"
marker="$venv/.hearken-installed"
user="hearken-test"
password="hearken-test-password"

log() { echo "lrs.sh: $*" >&2; }

python_cmd() {
    for p in python3 python; do
        if command -v "$p" >/dev/null 2>&1; then echo "$p"; return; fi
    done
    log "no python3 found: the LRS for the tests needs Python 3.9 or newer"
    exit 2
}

install() {
    if [[ -f "$marker" && "$(cat "$marker")" == "$wanted" ]]; then
        return
    fi
    local started=$SECONDS
    log "installing $wanted into $venv (once; about a minute)"
    rm -rf "$venv"
    mkdir -p "$base"
    "$(python_cmd)" -m venv "$venv"
    # shellcheck disable=SC2086
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input --timeout 60 --retries 3 $wanted >&2
    echo "$wanted" > "$marker"
    log "installed in $((SECONDS - started)) s"
}

free_port() {
    "$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Makes a fresh store and credentials for a server on port $1; sets $run.
prepare() {
    run="$base/run-$1"
    rm -rf "$run"
    mkdir -p "$run/statements" "$run/app"
    export RALPH_APP_DIR="$run/app"
    export RALPH_AUTH_FILE="$run/auth.json"
    export RALPH_RUNSERVER_BACKEND=fs
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$run/statements"
    export RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT=1000
    # What `ralph auth -w` writes, made directly: that command imports the whole server first
    # (seconds), and a low bcrypt cost keeps the first request fast. Test credentials only.
    "$venv/bin/python" - "$RALPH_AUTH_FILE" "$user" "$password" <<'PY'
import bcrypt, json, sys
path, user, password = sys.argv[1:4]
entry = {
    "agent": {"account": {"homePage": "https://hearken.test/", "name": user}, "objectType": "Agent"},
    "scopes": ["all"],
    "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode(),
    "username": user,
}
with open(path, "w") as f:
    json.dump([entry], f, indent=2)
PY
}

# Waits (at most 60 s) until the server on port $1, process $2, answers.
wait_ready() {
    local i
    for i in $(seq 1 120); do
        if ! kill -0 "$2" 2>/dev/null; then
            log "the LRS exited while starting; its log:"
            cat "$run/server.log" >&2 || true
            return 1
        fi
        if "$venv/bin/python" - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/__heartbeat__", timeout=1).read()
PY
        then
            return 0
        fi
        sleep 0.5
    done
    log "the LRS did not answer within 60 s; its log:"
    cat "$run/server.log" >&2 || true
    kill "$2" 2>/dev/null || true
    return 1
}

case "${1:-}" in
    install)
        install
        ;;
    start)
        install
        started=$SECONDS
        port="$(free_port)"
        prepare "$port"
        setsid "$venv/bin/python" "$here/serve.py" "$port" </dev/null >"$run/server.log" 2>&1 &
        pid=$!
        echo "$pid" > "$base/server.pid"
        wait_ready "$port" "$pid"
        log "Ralph answers on 127.0.0.1:$port (pid $pid, started in $((SECONDS - started)) s)"
        cat <<ENV | tee "$base/env"
export HEARKEN_TEST_LRS=http://127.0.0.1:$port/xAPI/
export HEARKEN_TEST_LRS_USERNAME=$user
export HEARKEN_TEST_LRS_PASSWORD=$password
ENV
        ;;
    stop)
        if [[ -f "$base/server.pid" ]]; then
            pid="$(cat "$base/server.pid")"
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
            kill -9 "$pid" 2>/dev/null || true
            rm -f "$base/server.pid"
        fi
        ;;
    serve)
        if [[ ! -f "$marker" || "$(cat "$marker")" != "$wanted" ]]; then
            log "not installed: run tests/lrs/lrs.sh install first"
            exit 3
        fi
        port="$(free_port)"
        prepare "$port"
        exec 3<&0
        "$venv/bin/python" "$here/serve.py" "$port" --watch-stdin <&3 >"$run/server.log" 2>&1 &
        pid=$!
        exec 3<&-
        wait_ready "$port" "$pid"
        echo "READY http://127.0.0.1:$port/xAPI/ $user $password"
        wait "$pid"
        ;;
    *)
        echo "usage: tests/lrs/lrs.sh install|start|stop|serve" >&2
        exit 2
        ;;
esac
