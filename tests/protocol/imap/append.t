# APPEND: synchronising and LITERAL+ literals, flags, keywords and the
# INTERNALDATE kept, APPENDUID, EXISTS in the selected mailbox, errors (the
# literal of a refused APPEND is still read, so the session stays in step).
#! folders: Work
C: a1 APPEND INBOX.Work {14}
S: + OK
R: Subject: a\r\n\r\n\r\n
S: ~ a1 OK \[APPENDUID (?P<uv>\d+) 1\] APPEND Ok\.
C: a2 APPEND INBOX.Work (\Seen \Flagged $Work) " 2-Dec-2026 18:30:00 +0100" {14+}
R: Subject: b\r\n\r\n\r\n
S: a2 OK [APPENDUID ${uv} 2] APPEND Ok.
C: a3 APPEND INBOX.Nope {3+}
C: abc
S: a3 NO [TRYCREATE] Mailbox does not exist
C: a4 APPEND INBOX.Work "32-Dec-2026 18:30:00 +0100" {3+}
C: abc
S: a4 BAD Invalid date-time in APPEND
C: a5 APPEND INBOX.Work (\Bogus) {3+}
C: abc
S: a5 BAD Unknown system flag
C: a6 APPEND INBOX.Work
S: a6 BAD APPEND needs a mailbox, optional flags and date, and a literal
C: a7 APPEND INBOX.Work {3+}
C: abc {3+}
C: def
S: a7 BAD APPEND takes one message (no MULTIAPPEND)
C: a8 SELECT INBOX.Work
S: * FLAGS ($Work \Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS ($Work \* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 2 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY ${uv}] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a8 OK [READ-WRITE] Ok
C: a9 APPEND INBOX.Work {0+}
C: 
S: * 3 EXISTS
S: * 0 RECENT
S: a9 OK [APPENDUID ${uv} 3] APPEND Ok.
C: b1 STORE 2 -FLAGS (\Flagged)
S: * 2 FETCH (FLAGS (\Seen $Work))
S: b1 OK STORE completed
C: b2 APPEND "INBOX" {3+}
C: xyz
S: ~ b2 OK \[APPENDUID \d+ 1\] APPEND Ok\.
