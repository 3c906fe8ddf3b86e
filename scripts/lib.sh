# Shared set-up for scripts/run-app and scripts/run-tests. Sourced, not run.
# Installs what is missing and nothing else; safe to run again and again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${RELAY_WIZARD_VENV:-$ROOT/.venv}"

# Qt's xcb/offscreen runtime (field notes 9), the lab's host tools, the keyring stack.
QT_DEBS="libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0
 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxcb-shm0 libxcb-sync1"
# pebble: the lab's ACME test server (tests/lab/acme.py), run in a lab server's netns.
LAB_DEBS="debootstrap iproute2 openssh-client util-linux pebble openssl nmap"
# A real Secret Service (gnome-keyring on a private D-Bus) and a real mail client (msmtp).
KEYRING_DEBS="gnome-keyring dbus dbus-x11 libsecret-tools msmtp mutt libsasl2-modules poppler-utils"
# Desktop integration checks and the screenshots (a real X server); the German locale's
# sources (localedef builds de_DE.UTF-8 into a test folder: tests/conftest.py german_system).
DESKTOP_DEBS="desktop-file-utils xvfb xauth locales"
# Packaging checks (tests/packaging): AppStream's validator, flatpak-builder (loads the
# manifest), PyInstaller's binutils, a clean venv for the wheel.
PACKAGING_DEBS="appstream flatpak-builder binutils python3-venv"
# shellcheck checks every remote script as it is sent (tests/unit/core/remote/test_scripts.py).
LINT_DEBS="shellcheck"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

need_debs() {
    # Install the Debian packages named in "$@" that are not installed yet.
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "[setup] installing Debian packages: ${missing[*]}" >&2
        as_root apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
}

make_venv() {
    # A virtual environment with the package (editable) and, with "test", the test tools.
    local extra="${1:-}"
    if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        # Debian's python3 needs python3-venv for ensurepip; a failed attempt leaves a
        # half-made directory behind, so start again from nothing.
        rm -rf "$VENV"
        if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
            rm -rf "$VENV"
            need_debs python3-venv
            python3 -m venv "$VENV"
        fi
    fi
    local stamp="$VENV/.installed-$extra"
    if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
        echo "[setup] installing Python packages into $VENV" >&2
        "$VENV/bin/python" -m pip install -q --upgrade pip
        if [ -n "$extra" ]; then
            "$VENV/bin/python" -m pip install -q -e "$ROOT[$extra]"
        else
            "$VENV/bin/python" -m pip install -q -e "$ROOT"
        fi
        touch "$stamp"
    fi
}
