# IMAP_DISABLETHREADSORT=1: SORT and THREAD are still advertised (as in
# Courier) but refused; SEARCH is not affected.
#! only: stdio
#! env: IMAP_DISABLETHREADSORT=1
#! messages: cur/1700000001.M1P1.test:2,
C: a0 STATUS INBOX (MESSAGES)
S: * STATUS "INBOX" (MESSAGES 1)
S: a0 OK STATUS Completed.
C: a1 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 1 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a1 OK [READ-WRITE] Ok
C: a2 SORT (DATE) UTF-8 ALL
S: a2 NO SORT is disabled (IMAP_DISABLETHREADSORT)
C: a3 UID THREAD REFERENCES UTF-8 ALL
S: a3 NO THREAD is disabled (IMAP_DISABLETHREADSORT)
C: a4 SEARCH ALL
S: * SEARCH 1
S: a4 OK SEARCH completed
