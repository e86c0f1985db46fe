#!/usr/bin/env bash
# Build Counselor Desk for Linux (Debian, UOS, Kylin): translations, then the PyInstaller folder,
# then a .tar.gz that installer/linux/install.sh installs.
#
#   installer/build.sh [OUTDIR]      (default: dist/ at the top of the repository)
#
# Needs: pip install -e '.[build]' (PyInstaller), and fonts-wqy-microhei if the build should carry
# its Chinese font (recommended: minimal UOS/Kylin installs may have none).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$(realpath -m "${1:-dist}")"
WORK="${WORK_DIR:-$(mktemp -d)}"
VERSION="$(python -c 'import counselor_app; print(counselor_app.__version__)')"
ARCH="$(uname -m)"

echo "== translations"
python -m counselor_app.ui.translations build

echo "== pyinstaller (work folder $WORK)"
start=$(date +%s)
pyinstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT" --workpath "$WORK" counselor-app.spec
echo "   built in $(( $(date +%s) - start )) s"

echo "== smoke test"
QT_QPA_PLATFORM=offscreen "$OUT/counselor-desk/counselor-app" --version
QT_QPA_PLATFORM=offscreen "$OUT/counselor-desk/counselor-desk" --help >/dev/null

echo "== package"
cp installer/linux/install.sh installer/linux/counselor-desk.desktop "$OUT/counselor-desk/"
tarball="$OUT/counselor-desk-$VERSION-linux-$ARCH.tar.gz"
tar -C "$OUT" -czf "$tarball" counselor-desk
du -sh "$OUT/counselor-desk" "$tarball"
