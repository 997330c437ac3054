# Commands pipelined in one write are answered in order, a LITERAL+ among them.
R: a1 CREATE INBOX.p1\r\na2 CREATE {8+}\r\nINBOX.p2\r\na3 LIST "" INBOX.p%\r\na4 DELETE INBOX.p1\r\na5 NOOP\r\n
S: a1 OK CREATE completed
S: a2 OK CREATE completed
S: * LIST (\HasNoChildren) "." "INBOX.p1"
S: * LIST (\HasNoChildren) "." "INBOX.p2"
S: a3 OK LIST completed
S: a4 OK DELETE completed
S: a5 OK NOOP completed
#! after: dirs=.p2
