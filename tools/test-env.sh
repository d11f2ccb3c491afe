# Sourced by tools/dev: a private, throw-away environment for the tests and the benchmark —
# a virtual X display and null sound devices — so nothing touches the user's real session or data.
VITA_TEST_RUNTIME=$(mktemp -d /tmp/vita-test.XXXXXX)
export VITA_TEST_RUNTIME
export HOME="$VITA_TEST_RUNTIME/home"
mkdir -p "$HOME"
export VITA_DATA="$VITA_TEST_RUNTIME/data"

# A virtual display for the tests that take screenshots of real windows (the rest run offscreen).
if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  Xvfb :97 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
  export VITA_XVFB_PID=$!
  export VITA_TEST_DISPLAY=:97
fi

# Stops what this script started; tools/dev calls it on exit. Other parts add their own steps above it.
vita_test_env_cleanup() {
  [ -n "${VITA_XVFB_PID:-}" ] && kill "$VITA_XVFB_PID" 2>/dev/null
  rm -rf "$VITA_TEST_RUNTIME"
  return 0
}
