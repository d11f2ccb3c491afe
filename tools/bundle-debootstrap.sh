#!/usr/bin/env bash
# Run the bundle in a minimal Debian root (debootstrap --variant=minbase: no Python, no Qt, no X, no sound
# libraries), with no network, to show it needs nothing from the machine but the usual base. Needs root and
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
echo "== minimal root: $(du -sh "$root" | cut -f1); python in it: $(chroot "$root" sh -c 'command -v python3 || echo none')"
rm -rf "$root/opt/vita" "$root/root/records" "$root/root/.local"
mkdir -p "$root/opt"
tar -C "$root/opt" -xzf "$archive"
unshare -n -m sh -c "
  mount -t proc proc '$root/proc'
  chroot '$root' env -i PATH=/usr/bin:/bin HOME=/root QT_QPA_PLATFORM=offscreen sh -c '
    cd /root && /opt/vita/vita content check | tail -2 && /opt/vita/vita sample-record --out records --language ar'
"
pdftotext "$root"/root/records/*.pdf - | head -3
echo "bundle ran in the minimal Debian root"
