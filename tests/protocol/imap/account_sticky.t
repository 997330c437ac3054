# The +t bit on the home directory locks the account (Courier).
#! only: stdio
#! phase: start
#! home-mode: 1755
S: * BYE Your account is temporarily unavailable (+t bit set on home directory).
