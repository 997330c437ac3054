# ENABLE UTF8=ACCEPT (Courier's reply); unknown extensions are ignored.
# Mailbox names are modified UTF-7 on the wire before it and UTF-8 after;
# on disk they are UTF-8 either way (Courier 5's layout).
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
S: a5 OK CREATE completed
C: a5a CREATE INBOX.&AGE-
S: a5a NO [CANNOT] Invalid modified UTF-7 in mailbox name
C: a5b LIST "" INBOX.%
S: * LIST (\HasNoChildren) "." "INBOX.&AOk-t&AOk-"
S: a5b OK LIST completed
C: a6 enable utf8=accept x-other
S: * ENABLED UTF8=ACCEPT
S: a6 OK Options enabled
C: a7 CREATE "INBOX.été"
S: a7 NO [ALREADYEXISTS] Folder already exists
C: a7a CREATE "INBOX.日本"
S: a7a OK CREATE completed
C: a8 LIST "" "INBOX.%"
S: * LIST (\HasNoChildren) "." "INBOX.été"
S: * LIST (\HasNoChildren) "." "INBOX.日本"
S: a8 OK LIST completed
C: a9 ENABLE UTF8=ACCEPT
S: * ENABLED
S: a9 OK Options enabled
#! after: dirs=.été,.日本
