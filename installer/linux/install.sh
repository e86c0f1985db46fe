#!/bin/sh
# Install (or remove) Counselor Desk on Debian, UOS or Kylin from the unpacked build folder.
#
#   sudo ./install.sh              install into /opt/counselor-desk for every user
#   sudo /opt/counselor-desk/install.sh --uninstall
#                                  remove the program (never the schools' data folders)
#
# Install from inside the unpacked counselor-desk folder (it sits next to the executables); the
# script stays in /opt/counselor-desk so that the program can be removed after that folder is gone.
set -eu
PREFIX=/opt/counselor-desk
HERE="$(cd "$(dirname "$0")" && pwd)"
ICONS=/usr/share/icons/hicolor
APPS=/usr/share/applications

if [ "$(id -u)" -ne 0 ]; then
    echo "请用 sudo 运行 / run with sudo: sudo $0 $*" >&2
    exit 1
fi

remove() {
    rm -f /usr/local/bin/counselor-app /usr/local/bin/counselor-desk "$APPS/counselor-desk.desktop"
    for size in 16 24 32 48 64 128 256; do
        rm -f "$ICONS/${size}x${size}/apps/counselor-desk.png"
    done
    rm -rf "$PREFIX"
}

if [ "${1:-}" = "--uninstall" ]; then
    remove
    echo "已卸载。学校的数据文件夹没有改动。/ Removed; school data folders were not touched."
    exit 0
fi

if [ "$HERE" = "$PREFIX" ]; then
    echo "请在解压出的 counselor-desk 文件夹中运行安装 / install from the unpacked folder" >&2
    exit 1
fi

if [ ! -x "$HERE/counselor-desk" ] || [ ! -d "$HERE/_internal" ]; then
    echo "在 $HERE 没有找到程序文件 / no program files in $HERE" >&2
    exit 1
fi

# Qt's X11 platform needs these on a minimal system; install them when apt is there.
if command -v apt-get >/dev/null 2>&1; then
    apt-get install -y --no-install-recommends libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 \
        libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 >/dev/null 2>&1 \
        || echo "注意：未能自动安装 Qt 依赖库 / note: could not install Qt libraries" >&2
fi

remove
mkdir -p "$PREFIX"
cp -a "$HERE/." "$PREFIX/"
rm -f "$PREFIX/counselor-desk.desktop"
ln -sf "$PREFIX/counselor-app" /usr/local/bin/counselor-app
ln -sf "$PREFIX/counselor-desk" /usr/local/bin/counselor-desk
for size in 16 24 32 48 64 128 256; do
    icon="$PREFIX/_internal/resources/icons/counselor-desk-$size.png"
    if [ -f "$icon" ]; then
        install -D -m 644 "$icon" "$ICONS/${size}x${size}/apps/counselor-desk.png"
    fi
done
install -D -m 644 "$HERE/counselor-desk.desktop" "$APPS/counselor-desk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$ICONS" || true
echo "已安装到 $PREFIX。在应用菜单中打开“心理辅导工作台”。/ Installed in $PREFIX."
