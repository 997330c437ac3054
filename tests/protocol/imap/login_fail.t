# A wrong password: Courier's delay (1 s in the test stack), "NO Login
# failed.", three failures close the connection.
#! phase: login
S: ~ \* OK \[CAPABILITY .*
C: a1 LOGIN ${USER} wrong
S: a1 NO Login failed.
ELAPSED>= 0.9
C: a2 LOGIN nobody-here wrong
S: a2 NO Login failed.
C: a3 LOGIN ${USER} {5}
S: + OK
C: wrong
S: a3 NO Login failed.
S: * BYE Too many failed logins.
