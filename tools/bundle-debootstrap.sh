#!/usr/bin/env bash
# Run the bundle in a minimal Debian root (debootstrap --variant=minbase: no Python, no Qt, no X, no sound
# libraries; plus the GL, xcb and Wayland client libraries every desktop has), with no network, to show it needs
# nothing from the machine but those. Needs root and
# debootstrap; the root is made once in $VITA_DEBROOT (default /var/tmp/vita-debroot) and kept for the next run.
#   bash tools/bundle-debootstrap.sh [ARCHIVE]
set -euo pipefail
cd "$(dirname "$0")/.."
archive=${1:-$(ls -t dist/vita-*-linux-*.tar.gz 2>/dev/null | head -1)}
[ -f "$archive" ] || { echo "no bundle archive: run bash tools/dev bundle first" >&2; exit 2; }
root=${VITA_DEBROOT:-/var/tmp/vita-debroot}
if [ ! -x "$root/bin/sh" ]; then
  suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  debootstrap --variant=minbase "$suite" "$root" >/dev/null
fi
# The only libraries the bundle takes from the system besides the C library (bundle-check lists them): GL/EGL,
# xcb and the Wayland client. A desktop has them; the minimal root gets them here, before the run (no Python).
DESKTOP_DEBS="libgl1 libegl1 libxcb1 libwayland-client0 libwayland-cursor0 libwayland-egl1"
if ! chroot "$root" dpkg-query -W libgl1 >/dev/null 2>&1; then
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  chroot "$root" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $DESKTOP_DEBS >/dev/null"
fi
echo "== minimal root: $(du -sh "$root" | cut -f1); python in it: $(chroot "$root" sh -c 'command -v python3 || echo none')"
rm -rf "$root/opt/vita" "$root/root/records" "$root/root/.local"
mkdir -p "$root/opt"
tar -C "$root/opt" -xzf "$archive"
unshare -n -m sh -c "
  mount -t proc proc '$root/proc'
  chroot '$root' env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen sh -c '
    cd /root && /opt/vita/vita content check | tail -2 && /opt/vita/vita sample-record --out records --language ar'
"
text=$(pdftotext "$root"/root/records/*.pdf -)
printf '%s\n' "$text" | sed -n 1p
echo "bundle ran in the minimal Debian root"
