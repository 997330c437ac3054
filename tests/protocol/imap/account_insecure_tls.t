#! only: stdio
#! env: OPTIONS=disableinsecureimap=1,disablepop3=1 IMAP_TLS=1
C: a1 NOOP
S: a1 OK NOOP completed
