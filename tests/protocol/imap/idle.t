# IDLE in the authenticated and the selected state: the continuation, DONE
# in any case, a line that is not DONE, arguments.
#! messages: cur/1700000001.M1P1.test:2,S
C: a1 IDLE
S: + entering idle mode
QUIET: 0.3
C: done
S: a1 OK IDLE completed
C: a2 IDLE x
S: a2 BAD IDLE takes no arguments
C: a3 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 1 EXISTS
S: * 1 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a3 OK [READ-WRITE] Ok
C: a4 IDLE
S: + entering idle mode
C: a5 NOOP
S: a4 BAD Expected DONE to end IDLE
C: a6 IDLE
S: + entering idle mode
C: DONE
S: a6 OK IDLE completed
