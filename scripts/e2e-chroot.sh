#!/usr/bin/env bash
# Makes the Debian forky chroot in which the end-to-end proof runs Laravel and Rails on their
# Debian packages (tests/e2e/chroot.rs): Packagist and RubyGems are not reachable from
# groundwork's machines, but Debian is, and its newest suite packages Laravel 13.31, PHPUnit 13,
# Rails 7.2, Puma and the SQLite and PostgreSQL drivers.
#
#   bash scripts/e2e-chroot.sh [DEST]     DEST defaults to /var/cache/groundwork/forky
#
# Needs root and mmdebstrap. About 7 minutes and 270 MB from a cold apt cache.
# - DEST absent: the chroot is made in DEST.tmp.PID and renamed to DEST only once complete, so an
#   interrupted run never leaves a half-made chroot where the harness looks for one.
# - DEST present: kept. Packages of the list that it lacks are installed into it, then the stamp
#   DEST/etc/groundwork-chroot (the package list, one a line) is written. The harness uses a
#   chroot only when its stamp is there.
# forky's Release files have expired, hence Acquire::Check-Valid-Until "false".
set -euo pipefail

dest="${1:-/var/cache/groundwork/forky}"
mirror="http://deb.debian.org/debian"
suite="forky"
packages=(
    ca-certificates
    # Laravel: PHP 8.4, the framework, PHPUnit, Mockery (RefreshDatabase's console mock), PDO drivers
    php-cli php-laravel-framework phpunit php-mockery php-sqlite3 php-pgsql php-mbstring php-xml
    php-curl
    # Rails: Ruby 3.3, Rails 7.2, Puma, RuboCop, the database drivers
    ruby ruby-rails ruby-sqlite3 ruby-pg puma rubocop
    sqlite3
)
stamp_path="etc/groundwork-chroot"
apt_options=(-o 'Acquire::Check-Valid-Until=false')

if [ "$(id -u)" -ne 0 ]; then
    echo "e2e-chroot: needs root (mmdebstrap and chroot); run it as root or with sudo" >&2
    exit 1
fi

wanted() {
    printf '%s\n' "${packages[@]}"
}

# The packages of the list that the chroot in $1 does not have installed.
missing_in() {
    local root="$1" package status
    for package in "${packages[@]}"; do
        # shellcheck disable=SC2016 # ${Status} is dpkg-query's field, not a shell variable
        status=$(chroot "$root" dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        [ "$status" = "install ok installed" ] || echo "$package"
    done
}

if [ -d "$dest" ]; then
    if [ -f "$dest/$stamp_path" ] && [ "$(cat "$dest/$stamp_path")" = "$(wanted)" ]; then
        echo "e2e-chroot: $dest is complete (stamp $dest/$stamp_path); kept"
        exit 0
    fi
    mapfile -t missing < <(missing_in "$dest")
    if [ ${#missing[@]} -gt 0 ]; then
        echo "e2e-chroot: installing into $dest: ${missing[*]}"
        lists=/tmp/groundwork-apt-lists
        mkdir -p "$dest$lists/partial"
        chroot "$dest" apt-get -qq "${apt_options[@]}" -o "Dir::State::Lists=$lists" update
        chroot "$dest" env DEBIAN_FRONTEND=noninteractive apt-get -qq -y "${apt_options[@]}" \
            -o "Dir::State::Lists=$lists" install --no-install-recommends "${missing[@]}" >/dev/null
        rm -rf "${dest:?}$lists"
        mapfile -t missing < <(missing_in "$dest")
        if [ ${#missing[@]} -gt 0 ]; then
            echo "e2e-chroot: still missing in $dest: ${missing[*]}" >&2
            exit 1
        fi
    fi
    wanted >"$dest/$stamp_path"
    echo "e2e-chroot: $dest has every package; stamp written"
    exit 0
fi

command -v mmdebstrap >/dev/null || {
    echo "e2e-chroot: mmdebstrap is missing: apt-get install mmdebstrap" >&2
    exit 1
}
tmp="$dest.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$(dirname "$dest")"
rm -rf "$tmp"
include=$(IFS=,; echo "${packages[*]}")
echo "e2e-chroot: making $dest ($suite from $mirror)"
mmdebstrap --variant=apt --aptopt='Acquire::Check-Valid-Until "false"' \
    --include="$include" "$suite" "$tmp" "$mirror"
mapfile -t missing < <(missing_in "$tmp")
if [ ${#missing[@]} -gt 0 ]; then
    echo "e2e-chroot: mmdebstrap finished but these are missing: ${missing[*]}" >&2
    exit 1
fi
wanted >"$tmp/$stamp_path"
mv "$tmp" "$dest"
trap - EXIT
echo "e2e-chroot: made $dest"
