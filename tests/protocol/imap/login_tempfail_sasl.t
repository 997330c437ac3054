#! phase: login
#! only: stdio
#! env: AUTHDAEMONVAR=/nonexistent/authdaemon
S: ~ \* OK \[CAPABILITY .*
C: a1 AUTHENTICATE PLAIN ${PLAIN}
S: * BYE Temporary problem, please try again later
EOF
