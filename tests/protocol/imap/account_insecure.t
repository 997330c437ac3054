#! only: stdio
#! phase: start
#! env: OPTIONS=disableinsecureimap=1
S: * BYE IMAP access disabled via insecure connection.
