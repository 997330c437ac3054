#!/bin/sh
# check_layering.sh - every #include "..." respects DESIGN.md's layering:
#   lib/                          includes only lib/
#   rfc822/ maildir/ authdaemon/  include only lib/ and themselves
#   programs (couriertcpd/ imapd/ pop3d/ postfix-glue/ etc/) include libraries
#   and themselves, never another program; the one library that lives in a
#   program folder, couriertcpd's libstarttls (starttls.h), may be included
#   by the login programs.
# Inside maildir/, the modules' include graph has no cycle.
# config.h (generated) is allowed everywhere.  One check per source file;
# prints "N passed, N failed".
set -u
: "${top_srcdir:?}"
cd "$top_srcdir" || exit 1
pass=0 fail=0

allowed_for() {
	case $1 in
	lib) echo "lib" ;;
	rfc822|maildir|authdaemon) echo "lib $1" ;;
	couriertcpd) echo "lib rfc822 maildir authdaemon couriertcpd" ;;
	imapd|pop3d|postfix-glue) echo "lib rfc822 maildir authdaemon $1 starttls" ;;
	etc) echo "lib etc" ;;
	esac
}

for dir in lib rfc822 maildir authdaemon couriertcpd imapd pop3d postfix-glue etc; do
	allowed=$(allowed_for "$dir")
	for f in "$dir"/*.c "$dir"/*.h; do
		[ -f "$f" ] || continue
		bad=""
		for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
			[ "$inc" = config.h ] && continue
			ok=0
			for a in $allowed; do
				if [ "$a" = starttls ]; then
					[ "$inc" = starttls.h ] && ok=1
				elif [ -f "$a/$inc" ]; then
					ok=1
				fi
			done
			[ $ok = 1 ] || bad="$bad $inc"
		done
		if [ -n "$bad" ]; then
			echo "FAIL $f includes$bad (allowed: $allowed)"
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
	done
done
# Inside maildir/ the module graph is a DAG: module x (x.c + x.h) depends
# on y when it includes y.h; tsort finds any cycle.  (lib/ keeps one on
# purpose: xmalloc dies through log, which formats with buf.)
for dir in maildir; do
	edges=""
	for f in "$dir"/*.c "$dir"/*.h; do
		[ -f "$f" ] || continue
		m=$(basename "$f"); m=${m%.[ch]}
		for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
			[ -f "$dir/$inc" ] || continue
			d=${inc%.h}
			[ "$d" = "$m" ] || edges="$edges $m $d"
		done
	done
	if [ -z "$edges" ] || echo "$edges" | tsort >/dev/null 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAIL $dir: the include graph has a cycle:"
		echo "$edges" | tsort 2>&1 >/dev/null | sed 's/^/  /'
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
