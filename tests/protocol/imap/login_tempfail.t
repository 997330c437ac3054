# authdaemond unreachable: Courier's BYE, and the connection is closed.
#! phase: login
#! only: stdio
#! env: AUTHDAEMONVAR=/nonexistent/authdaemon
S: ~ \* OK \[CAPABILITY .*
C: a1 LOGIN ${USER} ${PASSWORD}
S: * BYE Temporary problem, please try again later
EOF
