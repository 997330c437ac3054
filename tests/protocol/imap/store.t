# STORE and UID STORE: FLAGS, +FLAGS, -FLAGS, .SILENT, keywords (IMAP_KEYWORDS),
# \Recent ignored, syntax and sequence errors, read-only.
#! messages: cur/1700000001.M1P1.test:2, cur/1700000002.M1P1.test:2,S cur/1700000003.M1P1.test:2,
#! env: IMAP_KEYWORDS=1
# STATUS gives the messages their UIDs first, so none is \Recent in SELECT
C: a0 STATUS INBOX (MESSAGES UIDNEXT)
S: * STATUS "INBOX" (MESSAGES 3 UIDNEXT 4)
S: a0 OK STATUS Completed.
C: a1 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 3 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a1 OK [READ-WRITE] Ok
C: a2 STORE 1 +FLAGS (\Seen \Flagged)
S: * 1 FETCH (FLAGS (\Flagged \Seen))
S: a2 OK STORE completed
C: a3 STORE 1:2 -FLAGS \Seen
S: * 1 FETCH (FLAGS (\Flagged))
S: * 2 FETCH (FLAGS ())
S: a3 OK STORE completed
C: a4 STORE 3 FLAGS (\Answered \Draft \Recent)
S: * 3 FETCH (FLAGS (\Draft \Answered))
S: a4 OK STORE completed
C: a5 UID STORE 2:* +FLAGS.SILENT (\Deleted)
S: a5 OK STORE completed
C: a6 UID STORE 1 FLAGS ($Label1 \Seen)
S: * FLAGS ($Label1 \Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS ($Label1 \* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 1 FETCH (FLAGS (\Seen $Label1) UID 1)
S: a6 OK STORE completed
C: a7 STORE 1 -FLAGS ($label1)
S: * 1 FETCH (FLAGS (\Seen))
S: a7 OK STORE completed
C: a8 STORE 4 +FLAGS (\Seen)
S: a8 BAD Invalid message sequence number
C: a9 STORE 0 +FLAGS (\Seen)
S: a9 BAD Invalid sequence set: zero or leading zero
C: b1 STORE 1 +FLAGS (\Bogus)
S: b1 BAD Unknown system flag
C: b2 STORE 1 FLAGZ (\Seen)
S: b2 BAD STORE item must be FLAGS, +FLAGS or -FLAGS
C: b3 STORE 1 +FLAGS
S: b3 BAD STORE needs a sequence set, an item and flags
C: b4 STORE 1,,2 +FLAGS (\Seen)
S: b4 BAD Invalid sequence set: number expected
C: b5 UID STORE 99 +FLAGS (\Seen)
S: b5 OK STORE completed
C: b6 STORE 1 +FLAGS ("quoted")
S: b6 BAD Flags must be atoms
C: b7 STORE 2:1 FLAGS ()
S: * 1 FETCH (FLAGS ())
S: * 2 FETCH (FLAGS ())
S: b7 OK STORE completed
# a keyword no message carries any more is not listed by a new SELECT
C: b8 EXAMINE INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS ()] No permanent flags permitted
S: * 3 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "lrs"] ACL
S: b8 OK [READ-ONLY] Ok
C: b9 STORE 1 +FLAGS (\Seen)
S: b9 NO [READ-ONLY] Mailbox is read-only
C: c1 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: c1 OK LOGOUT completed
