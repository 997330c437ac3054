#!/bin/sh
# tools/deps.sh - install every Debian package in tools/debian-packages that is
# missing (as root, non-interactive); a no-op when all are there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pkgs=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/debian-packages" | tr '\n' ' ')
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "missing Debian packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# courier-* and postfix may ask questions and pull an MTA: preseed and keep quiet.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections 2>/dev/null || true
apt-get install -y -qq --no-install-recommends $missing
