# LIST with * and %, a reference, "" for the delimiter; Courier's
# attributes (\Marked on INBOX with new mail), SPECIAL-USE by name.
#! folders: Sent Drafts Junk Archive Trash Work Work.2024 Deep.x.y
#! newmail: yes
C: a1 LIST "" *
S: * LIST (\Marked \HasChildren) "." "INBOX"
S: * LIST (\HasNoChildren \Archive) "." "INBOX.Archive"
S: * LIST (\Noselect \HasChildren) "." "INBOX.Deep"
S: * LIST (\Noselect \HasChildren) "." "INBOX.Deep.x"
S: * LIST (\HasNoChildren) "." "INBOX.Deep.x.y"
S: * LIST (\HasNoChildren \Drafts) "." "INBOX.Drafts"
S: * LIST (\HasNoChildren \Junk) "." "INBOX.Junk"
S: * LIST (\HasNoChildren \Sent) "." "INBOX.Sent"
S: * LIST (\HasNoChildren \Trash) "." "INBOX.Trash"
S: * LIST (\HasChildren) "." "INBOX.Work"
S: * LIST (\HasNoChildren) "." "INBOX.Work.2024"
S: a1 OK LIST completed
C: a2 LIST "" %
S: * LIST (\Marked \HasChildren) "." "INBOX"
S: a2 OK LIST completed
C: a3 LIST INBOX.Work. %
S: * LIST (\HasNoChildren) "." "INBOX.Work.2024"
S: a3 OK LIST completed
C: a4 LIST "" inbox
S: * LIST (\Marked \HasChildren) "." "INBOX"
S: a4 OK LIST completed
C: a5 LIST "" INBOX.W*
S: * LIST (\HasChildren) "." "INBOX.Work"
S: * LIST (\HasNoChildren) "." "INBOX.Work.2024"
S: a5 OK LIST completed
C: a6 LIST "" INBOX.%.%
S: * LIST (\Noselect \HasChildren) "." "INBOX.Deep.x"
S: * LIST (\HasNoChildren) "." "INBOX.Work.2024"
S: a6 OK LIST completed
C: a7 LIST "" ""
S: * LIST (\Noselect) "." ""
S: a7 OK LIST completed
C: a8 LIST "" nomatch*
S: a8 OK LIST completed
C: a9 LIST "" %%%%%%%%%%%
S: a9 NO [LIMIT] Too many wildcards in the pattern
C: b1 LIST "" %%%%%%%%%%
S: * LIST (\Marked \HasChildren) "." "INBOX"
S: b1 OK LIST completed
C: b2 LIST ""
S: b2 BAD Needs a reference and a mailbox pattern
C: b3 LIST (a) b
S: b3 BAD Needs a reference and a mailbox pattern
C: b4 LIST "" {11+}
C: INBOX.Work*
S: * LIST (\HasChildren) "." "INBOX.Work"
S: * LIST (\HasNoChildren) "." "INBOX.Work.2024"
S: b4 OK LIST completed
