#! only: stdio
#! cf: temp_directory = /nonexistent-spool-dir
#! after: alice=0
# the body cannot be spooled: 451 4.3.0 before 354, the session goes on
S: 220 mx.test LMTP Stafeta
C: LHLO client.example
S: ~ 250-mx\.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<alice@mx.test>
S: 250 2.1.5 Ok
C: DATA
S: 451 4.3.0 Error: cannot create a spool file
C: RSET
S: 250 2.0.0 Ok
C: QUIT
S: 221 2.0.0 Bye
