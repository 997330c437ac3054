# EXPUNGE, UID EXPUNGE (UIDPLUS), CLOSE (silent expunge) and their errors;
# EXPUNGE lines count down as the list shrinks; nothing is expunged read-only.
#! messages: cur/1700000001.M1P1.test:2,T cur/1700000002.M1P1.test:2,S cur/1700000003.M1P1.test:2,T cur/1700000004.M1P1.test:2,T cur/1700000005.M1P1.test:2,T
C: a0 STATUS INBOX (MESSAGES)
S: * STATUS "INBOX" (MESSAGES 5)
S: a0 OK STATUS Completed.
C: a1 EXAMINE INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS ()] No permanent flags permitted
S: * 5 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "lrs"] ACL
S: a1 OK [READ-ONLY] Ok
C: a2 EXPUNGE
S: a2 NO [READ-ONLY] Mailbox is read-only
C: a3 CLOSE
S: a3 OK CLOSE completed
C: a4 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 5 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a4 OK [READ-WRITE] Ok
C: a5 UID EXPUNGE 1:3
S: * 3 EXPUNGE
S: * 1 EXPUNGE
S: a5 OK EXPUNGE completed
C: a6 UID EXPUNGE 1:3
S: a6 OK EXPUNGE completed
C: a7 UID EXPUNGE
S: a7 BAD UID EXPUNGE takes one UID set
C: a8 UID EXPUNGE 1:x
S: a8 BAD Invalid sequence set: number expected
C: a9 EXPUNGE 1
S: a9 BAD EXPUNGE takes no arguments
C: b1 STORE 1 -FLAGS.SILENT (\Deleted)
S: b1 OK STORE completed
C: b2 EXPUNGE
S: * 3 EXPUNGE
S: * 2 EXPUNGE
S: b2 OK EXPUNGE completed
C: b3 STORE 1 +FLAGS.SILENT (\Deleted)
S: b3 OK STORE completed
C: b4 CLOSE x
S: b4 BAD CLOSE takes no arguments
C: b5 CLOSE
S: b5 OK CLOSE completed
C: b6 STATUS INBOX (MESSAGES UIDNEXT)
S: * STATUS "INBOX" (MESSAGES 0 UIDNEXT 6)
S: b6 OK STATUS Completed.
#! after: inbox-cur=0
