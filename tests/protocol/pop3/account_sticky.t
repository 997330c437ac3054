# Courier's maintenance lock: the sticky bit on the home directory.
#! home-mode: 1755
S: -ERR Your account is temporarily unavailable (+t bit set on home directory).
EOF
