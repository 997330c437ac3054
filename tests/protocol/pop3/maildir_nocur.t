# A Maildir without cur/: refused with Courier's reason.
#! fixture: empty
#! nocur: yes
S: -ERR Maildir invalid (no 'cur' directory)
EOF
