#!/bin/sh
# tools/deps.sh [--test-peers] - install every Debian package of
# tools/debian-packages that is missing (as root, non-interactive); with
# --test-peers also those of tools/debian-test-peers (Courier, Postfix: the
# tests' peers), whose system services are kept from starting while they are
# installed and are disabled afterwards, so that nothing serves this machine's
# accounts.  A no-op when all are there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
list() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1" | tr '\n' ' '; }
pkgs=$(list "$here/debian-packages")
peers=
if [ "${1:-}" = "--test-peers" ]; then peers=$(list "$here/debian-test-peers"); fi
missing="" missing_peers=""
for p in $pkgs $peers; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' && continue
	missing="$missing $p"
	case " $peers " in *" $p "*) missing_peers="$missing_peers $p";; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "missing Debian packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# postfix asks questions and pulls an MTA configuration: preseed "none".
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections 2>/dev/null || true
# policy-rc.d (exit 101): the packages' maintainer scripts start no service.
policy=${STAFETA_POLICY_RC_D:-/usr/sbin/policy-rc.d} made_policy=0   # (tests: another path)
if [ -n "$missing_peers" ] && [ ! -e "$policy" ]; then
	printf '#!/bin/sh\n# tools/deps.sh: no service starts while test peers are installed\nexit 101\n' >"$policy"
	chmod 755 "$policy"
	made_policy=1
	trap 'rm -f "$policy"' EXIT
fi
apt-get install -y -qq --no-install-recommends $missing
# the peers' services: stopped and not started at boot (the tests run their
# own private instances)
units=
for p in $missing_peers; do
	case $p in
	courier-authdaemon) units="$units courier-authdaemon";;
	courier-imap) units="$units courier-imap courier-imap-ssl";;
	courier-pop) units="$units courier-pop courier-pop-ssl";;
	postfix) units="$units postfix";;
	sasl2-bin) units="$units saslauthd";;
	esac
done
for u in $units; do
	if [ -d /run/systemd/system ]; then
		systemctl disable --now "$u.service" >/dev/null 2>&1 || true
	else
		# no systemd running (a container): policy-rc.d kept them from
		# starting; keep them from starting at the next boot too
		update-rc.d "$u" disable >/dev/null 2>&1 || true
	fi
	systemctl disable "$u.service" >/dev/null 2>&1 || true
done
[ "$made_policy" = 1 ] && rm -f "$policy"
exit 0
