#!/usr/bin/env bash
# A real learning record store (Ralph, filesystem backend) for CI's second tier,
# in its own virtualenv under var/ so its dependencies stay out of the site's.
#   scripts/ralph-lrs.sh install        make var/ralph-venv (once)
#   scripts/ralph-lrs.sh serve DIR PORT  run Ralph on 127.0.0.1:PORT, storing in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=var/ralph-venv
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}

case "${1:-}" in
install)
	if [ ! -x "$VENV/bin/ralph" ]; then
		"$PYTHON" -m venv "$VENV"
		"$VENV/bin/pip" install --quiet "ralph-malph[cli,lrs,backend-fs]==5.1.0" "requests==2.32.5"
	fi
	;;
serve)
	dir=$2 port=$3
	mkdir -p "$dir"
	export RALPH_AUTH_FILE="$dir/auth.json" RALPH_RUNSERVER_BACKEND=fs
	if [ ! -f "$RALPH_AUTH_FILE" ]; then
		"$VENV/bin/ralph" auth -u "${LRS_USER:-lms}" -p "${LRS_PASSWORD:-lrs-secret}" \
			-s all -A lms http://127.0.0.1 -w >/dev/null
	fi
	# uvicorn itself: `ralph runserver` reloads on every file change in the
	# working directory, which a test run makes all the time.
	export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$dir/store"
	exec "$VENV/bin/uvicorn" --app-dir scripts ralph_lrs_app:app \
		--host 127.0.0.1 --port "$port" --log-level warning
	;;
*)
	echo "usage: $0 install | serve DIR PORT" >&2
	exit 2
	;;
esac
