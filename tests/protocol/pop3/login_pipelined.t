# Commands pipelined behind PASS are answered by pop3d after the exec.
#! phase: login
#! after: cur=2 new=0
S: +OK Hello there.
R: USER ${USER}\r\nPASS ${PASSWORD}\r\nSTAT\r\nDELE 1\r\nLIST\r\nQUIT\r\n
S: +OK Password required.
S: +OK logged in.
S: +OK 3 152
S: +OK Deleted.
S: +OK POP3 clients that break here, they violate STD53.
S: 2 51
S: 3 56
S: .
S: +OK Bye-bye.
