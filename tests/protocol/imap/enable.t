# ENABLE UTF8=ACCEPT (Courier's reply); unknown extensions are ignored;
# afterwards mailbox names are UTF-8 on the wire.
C: a1 ENABLE
S: a1 BAD ENABLE needs at least one capability
C: a2 ENABLE "UTF8=ACCEPT"
S: a2 BAD ENABLE takes capability names
C: a3 ENABLE CONDSTORE
S: * ENABLED
S: a3 OK Options enabled
C: a4 CREATE "INBOX.été"
S: a4 BAD 8-bit character in quoted string
C: a5 CREATE INBOX.&AOk-t&AOk-
S: a5 NO [CANNOT] Mailbox names with non-ASCII characters need ENABLE UTF8=ACCEPT
C: a6 enable utf8=accept x-other
S: * ENABLED UTF8=ACCEPT
S: a6 OK Options enabled
C: a7 CREATE "INBOX.été"
S: a7 OK CREATE completed
C: a8 LIST "" "INBOX.%"
S: * LIST (\HasNoChildren) "." "INBOX.été"
S: a8 OK LIST completed
C: a9 ENABLE UTF8=ACCEPT
S: * ENABLED
S: a9 OK Options enabled
#! after: dirs=.été
