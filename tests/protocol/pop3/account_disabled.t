# Account option disablepop3=1 (OPTIONS from authdaemond): refused.
#! only: stdio
#! env: OPTIONS=disablepop3=1
S: -ERR POP3 access disabled for this account.
EOF
