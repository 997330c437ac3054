# Account option disableimap: refused after authentication.
#! only: stdio
#! phase: start
#! env: OPTIONS=disableimap=1
S: * BYE IMAP access disabled for this account.
