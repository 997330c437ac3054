# IMAP_MOVE_EXPUNGE_TO_TRASH: EXPUNGE and CLOSE move \Deleted messages to
# INBOX.Trash (created when missing) instead of deleting them; in Trash
# itself EXPUNGE deletes them for good.
#! only: stdio
#! env: IMAP_MOVE_EXPUNGE_TO_TRASH=1
#! messages: cur/1700000001.M1P1.test:2,T cur/1700000002.M1P1.test:2,S cur/1700000003.M1P1.test:2,T
C: a0 STATUS INBOX (MESSAGES)
S: * STATUS "INBOX" (MESSAGES 3)
S: a0 OK STATUS Completed.
C: a1 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 3 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a1 OK [READ-WRITE] Ok
C: a2 UID EXPUNGE 1
S: * 1 EXPUNGE
S: a2 OK EXPUNGE completed
C: a3 STATUS INBOX.Trash (MESSAGES)
S: * STATUS "INBOX.Trash" (MESSAGES 1)
S: a3 OK STATUS Completed.
C: a4 CLOSE
S: a4 OK CLOSE completed
C: a5 SELECT INBOX.Trash
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 2 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a5 OK [READ-WRITE] Ok
C: a6 EXPUNGE
S: * 2 EXPUNGE
S: * 1 EXPUNGE
S: a6 OK EXPUNGE completed
C: a7 STATUS INBOX (MESSAGES)
S: * STATUS "INBOX" (MESSAGES 1)
S: a7 OK STATUS Completed.
#! after: dirs=.Trash inbox-cur=1
