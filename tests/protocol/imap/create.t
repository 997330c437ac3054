# CREATE: Courier's layout (INBOX.a.b is .a.b/), RFC 5530 codes.
C: a1 CREATE INBOX.Work
S: a1 OK CREATE completed
C: a2 CREATE inbox.Work.Q1
S: a2 OK CREATE completed
C: a3 CREATE INBOX.Work
S: a3 NO [ALREADYEXISTS] Folder already exists
C: a4 CREATE INBOX
S: a4 NO [ALREADYEXISTS] INBOX always exists
C: a5 CREATE inbox
S: a5 NO [ALREADYEXISTS] INBOX always exists
C: a6 CREATE Sent
S: a6 NO [CANNOT] Mailbox names are INBOX or INBOX.<name> (the namespace is "INBOX.")
C: a7 CREATE INBOX.a..b
S: a7 NO [CANNOT] Folder name has an empty level or a '..' component
C: a8 CREATE "INBOX.a/b"
S: a8 NO [CANNOT] Folder name contains '/'
C: a9 CREATE INBOX..x
S: a9 NO [CANNOT] Folder name starts with '.'
C: b1 CREATE INBOX.Drafts.
S: b1 OK CREATE completed
C: b2 CREATE "INBOX.x&y"
S: b2 NO [CANNOT] Invalid modified UTF-7 in mailbox name
C: b3 CREATE INBOX.x&-y
S: b3 OK CREATE completed
C: b4 CREATE {9+}
C: INBOX.lit
S: b4 OK CREATE completed
C: b5 CREATE
S: b5 BAD CREATE takes one mailbox name
C: b6 CREATE a b
S: b6 BAD CREATE takes one mailbox name
C: b7 CREATE ""
S: b7 NO [CANNOT] Empty mailbox name
C: b8 CREATE (x)
S: b8 BAD Missing mailbox name
#! after: dirs=.Drafts,.Work,.Work.Q1,.lit,.x&y
