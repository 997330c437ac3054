# disableinsecurepop3=1 on an encrypted session: served.
#! only: stdio
#! env: OPTIONS=disableinsecurepop3=1 POP3_TLS=1
S: +OK logged in.
C: QUIT
S: +OK Bye-bye.
