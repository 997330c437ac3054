# Account option disableinsecurepop3=1 without TLS: refused.
#! only: stdio
#! env: OPTIONS=disableinsecurepop3=1,other=2
S: -ERR POP3 access disabled via insecure connection.
EOF
