#!/usr/bin/env bash
# Run the built bundle as a border-post laptop would: unpacked from its archive, with an empty HOME, no network
# (unshare -n), no Python anywhere it could see (the interpreters, site-packages and this checkout hidden
# under empty mounts), no environment but PATH. Needs root (unshare). Usage:
#   bash tools/dev bundle-check [ARCHIVE]      (default: the newest dist/vita-*-linux-*.tar.gz)
# Checks: `vita content check` and `vita sample-record` succeed, pdftotext reads the PDF back, every bundled
# library's dependencies (ldd) are inside the bundle or among the usual desktop libraries, and the time from
# starting the program to its first window (offscreen) is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
archive=${1:-$(ls -t dist/vita-*-linux-*.tar.gz 2>/dev/null | head -1)}
[ -f "$archive" ] || { echo "no bundle archive: run bash tools/dev bundle first" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "bundle-check needs root (unshare -n and mounts)" >&2; exit 2; }
scratch=$(mktemp -d /tmp/vita-bundle-check.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
tar -C "$scratch" -xzf "$archive"
bundle="$scratch/vita"
echo "== size: archive $(du -h "$archive" | cut -f1), unpacked $(du -sh "$bundle" | cut -f1)"

echo "== ldd: libraries from outside the bundle"
# The usual desktop libraries: C runtime, X11/xcb/Wayland, GL/EGL, fontconfig/freetype, D-Bus, GLib, ALSA/Pulse.
usual='^(linux-vdso|ld-linux|libc|libm|libdl|libpthread|librt|libresolv|libutil|libgcc_s|libstdc\+\+|libz|libX[a-zA-Z0-9]*|libxcb[-a-z0-9]*|libxkbcommon(-x11)?|libGL[A-Za-z]*|libEGL|libOpenGL|libGLdispatch|libfontconfig|libfreetype|libexpat|libpng16|libbrotli[a-z]*|libbz2|libdbus-1|libglib-2\.0|libgthread-2\.0|libgobject-2\.0|libgio-2\.0|libgmodule-2\.0|libffi|libpcre2-8|libmount|libblkid|libselinux|libsystemd|libcap|libgcrypt|libgpg-error|liblzma|libzstd|liblz4|libasound|libpulse|libpulse-simple|libjack|libwayland-[a-z]+|libdrm|libgbm|libxshmfence|libudev|libuuid|libmd|libbsd|libgssapi_krb5|libkrb5|libk5crypto|libcom_err|libkrb5support|libkeyutils|libatomic|libICE|libSM|libxkbfile)\.so'
outside=$(mktemp "$scratch/ldd.XXXX")
find "$bundle" -type f \( -name '*.so*' -o -name vita \) -print0 | while IFS= read -r -d '' lib; do
  LD_LIBRARY_PATH="$bundle/_internal" ldd "$lib" 2>/dev/null | awk -v lib="${lib#"$bundle"/}" '/=>/ && $3 !~ /^\/tmp\/vita-bundle-check/ {print lib": "$1" => "$3}' || true
done | sort -u > "$outside"
unusual=$(awk '{print $2}' "$outside" | sort -u | grep -Ev "$usual" || true)
missing=$(grep "=> not" "$outside" || true)
echo "$(awk '{print $2}' "$outside" | sort -u | wc -l) distinct system libraries: $(awk '{print $2}' "$outside" | sort -u | tr '\n' ' ')"
[ -z "$unusual" ] || { echo "UNUSUAL:"; echo "$unusual"; }
[ -z "$missing" ] || { echo "NOT FOUND on this machine (optional plugins):"; echo "$missing"; }
if echo "$unusual" | grep -q "libpython"; then echo "FAIL: needs a system Python" >&2; exit 1; fi

echo "== run in a clean environment: empty HOME, no network, no Python visible"
home="$scratch/home"; mkdir -p "$home" "$scratch/work"
hide=""
for dir in /usr/lib/python3 /usr/lib/python3.* /usr/local/lib/python3.* /root/.pyenv /opt/pypi /opt/wheels /work; do
  [ -d "$dir" ] && hide="$hide mount -t tmpfs none '$dir';"
done
run() {  # run the bundled vita with only PATH and HOME, in its own network and mount namespaces
  unshare -n -m sh -c "$hide cd '$scratch/work' && exec env -i PATH=/usr/bin:/bin HOME='$home' LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \"\$@\"" sh "$@"
}
run sh -c 'echo "network interfaces: $(awk -F: "NR>2{print \$1}" /proc/net/dev | tr -d " " | tr "\n" " ")"; echo "hidden: /work holds $(ls /work | wc -l) entries, /usr/lib/python3 $(ls /usr/lib/python3 2>/dev/null | wc -l)"'
status=0
run "$bundle/vita" content check > "$scratch/check.txt" || status=$?
tail -2 "$scratch/check.txt"
# Exit 1 with a summary is the content's verdict (it may be mid-edit in a checkout); anything else is the bundle's.
grep -q "^Content is" "$scratch/check.txt" || { echo "FAIL: content check did not run (exit $status)" >&2; exit 1; }
[ "$status" -eq 0 ] || echo "WARNING: the content this bundle was built from is not usable (see vita content check)"
run "$bundle/vita" sample-record --out "$scratch/work/records" --language ar
pdf=$(ls "$scratch"/work/records/*.pdf)
text=$(pdftotext "$pdf" -)  # whole, not piped into grep -q: an early exit would fail the pipe
case "$text" in *"identiﬁcation record"*|*"identification record"*) ;; *) echo "FAIL: pdftotext" >&2; exit 1 ;; esac
echo "pdftotext reads the record back: $(echo "$text" | head -1)"
echo "== a signed pack installed into the bundle's overlay (a French translation replaced), then removed"
mkdir -p "$scratch/work/pack/translations"
cp "$bundle/_internal/content/translations/fr.po" "$scratch/work/pack/translations/fr.po"
run "$bundle/vita" content keygen "$scratch/work/site.key" --comment "bundle check"
run "$bundle/vita" content trust "$scratch/work/site.pub"
run "$bundle/vita" content pack "$scratch/work/pack" --key "$scratch/work/site.key" --out "$scratch/work/fr.vitapack"
run "$bundle/vita" content install "$scratch/work/fr.vitapack"
run "$bundle/vita" content packs
{ run "$bundle/vita" content check || true; } | tail -1  # the verdict; the content's own state is reported above
size=$(stat -c %s "$scratch/work/fr.vitapack")  # one byte in the middle set to zero
dd if=/dev/zero of="$scratch/work/fr.vitapack" bs=1 seek=$((size / 2)) count=1 conv=notrunc status=none
run "$bundle/vita" content install "$scratch/work/fr.vitapack" && { echo "FAIL: a changed pack was installed" >&2; exit 1; }
run "$bundle/vita" content remove-pack fr
echo "== start time to the first window (offscreen, 3 runs)"
[ "$status" -eq 0 ] || { echo "not measured: the app refuses to start on content that is not usable"; exit 1; }
for _ in 1 2 3; do
  start=$(date +%s.%N)
  run env VITA_DATA="$scratch/bench" "$bundle/vita" --exit-when-shown | while read -r line; do
    case "$line" in shown*) echo "window shown after $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b - a}') s";; esac
  done
done
echo "bundle-check passed"
