# Sourced by tools/dev: a private, throw-away environment for the tests and the benchmark —
# a virtual X display and null sound devices — so nothing touches the user's real session or data.
VITA_TEST_RUNTIME=$(mktemp -d /tmp/vita-test.XXXXXX)
export VITA_TEST_RUNTIME
export HOME="$VITA_TEST_RUNTIME/home"
mkdir -p "$HOME"
export VITA_DATA="$VITA_TEST_RUNTIME/data"

# A virtual display for the tests that take screenshots of real windows (the rest run offscreen).
if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  # -displayfd lets Xvfb pick a free display, so two checkouts can run their suites at the same time.
  exec {vita_xvfb_fd}<> <(:)
  Xvfb -displayfd "$vita_xvfb_fd" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
  export VITA_XVFB_PID=$!
  vita_xvfb_display=""
  read -r -t 10 vita_xvfb_display <&"$vita_xvfb_fd" || true
  exec {vita_xvfb_fd}<&-
  [ -n "$vita_xvfb_display" ] && export VITA_TEST_DISPLAY=":$vita_xvfb_display"
fi

# Sound without a sound card. A private PulseAudio server (as root it needs -n and explicit modules) with
# one null sink whose monitor the tests record; and ALSA devices for PortAudio: "vita_pulse" (and the
# default) plays into that sink in real time, "vita_null" discards everything at once, "vita_monitor" records
# what reaches the sink (the studio's tests use it as a microphone). tests/audio uses
# them; VITA_TEST_AUDIO=1 tells the device tests they must run rather than skip.
export XDG_RUNTIME_DIR="$VITA_TEST_RUNTIME/run"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
VITA_ALSA_DEFAULT=vita_null
if command -v pulseaudio >/dev/null && command -v pactl >/dev/null; then
  export PULSE_RUNTIME_PATH="$XDG_RUNTIME_DIR/pulse"
  export PULSE_SERVER="unix:$XDG_RUNTIME_DIR/pulse-native"
  pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no --disable-shm=yes --log-target=stderr \
    -L "module-native-protocol-unix socket=$XDG_RUNTIME_DIR/pulse-native auth-anonymous=1" \
    -L "module-null-sink sink_name=vita_null rate=16000 channels=1 sink_properties=device.description=VITA-null" \
    </dev/null >"$VITA_TEST_RUNTIME/pulseaudio.log" 2>&1 &
  VITA_PULSE_PID=$!
  for _ in $(seq 50); do  # up to 5 s for the server to accept clients
    pactl info >/dev/null 2>&1 && break
    sleep 0.1
  done
  if pactl info >/dev/null 2>&1; then
    export VITA_TEST_PULSE_SINK=vita_null VITA_PULSE_PID
    VITA_ALSA_DEFAULT=vita_pulse
  else
    echo "test-env: PulseAudio did not start (see $VITA_TEST_RUNTIME/pulseaudio.log); recording tests will skip" >&2
    kill "$VITA_PULSE_PID" 2>/dev/null
    unset VITA_PULSE_PID PULSE_SERVER
  fi
fi
cat >"$HOME/.asoundrc" <<EOF
pcm.vita_null { type null }
pcm.vita_pulse { type pulse device vita_null }
pcm.vita_monitor { type pulse device vita_null.monitor }
ctl.vita_pulse { type pulse }
pcm.!default { type plug slave.pcm "$VITA_ALSA_DEFAULT" }
EOF
export VITA_TEST_AUDIO=1

# Stops what this script started; tools/dev calls it on exit. Other parts add their own steps above it.
vita_test_env_cleanup() {
  if [ -n "${VITA_PULSE_PID:-}" ]; then  # wait for it: it removes its socket while exiting, racing rm -rf
    kill "$VITA_PULSE_PID" 2>/dev/null || true
    wait "$VITA_PULSE_PID" 2>/dev/null || true
  fi
  [ -n "${VITA_XVFB_PID:-}" ] && kill "$VITA_XVFB_PID" 2>/dev/null
  rm -rf "$VITA_TEST_RUNTIME"
  return 0
}
