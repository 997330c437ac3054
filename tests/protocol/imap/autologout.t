# The authenticated idle timeout (30 minutes; 2 s here) ends the session.
#! only: stdio
#! env: STAFETA_TEST_IMAP_AUTOLOGOUT=2
C: a1 NOOP
S: a1 OK NOOP completed
TIMEOUT: 6
S: * BYE Disconnected for inactivity.
ELAPSED>= 1.9
