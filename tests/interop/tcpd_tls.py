"""tcpd_tls.py - shared fixture of the couriertls interop tests (run-tls-*):
a temporary directory with a self-signed server certificate (made by our
mkimapdcert), a small CA with a client certificate, couriertcpd instances on
free loopback ports running couriertls and the STARTTLS test child, and
helpers to drive gnutls-cli / curl / sslscan.  Standard library only.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

BUILD = os.environ["top_builddir"]
TCPD = os.path.join(BUILD, "couriertcpd", "couriertcpd")
TLS = os.path.join(BUILD, "couriertcpd", "couriertls")
MKCERT = os.path.join(BUILD, "couriertcpd", "mkimapdcert")
CHILD = os.path.join(BUILD, "tests", "unit", "couriertcpd", "starttls_testchild")
ROOT = os.geteuid() == 0
TLS_USER = "nobody" if ROOT else None

results = []
_procs = []


def check(name, cond, detail=""):
    results.append(bool(cond))
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:800]))
    sys.stdout.flush()


def finish(tmp):
    for p in _procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
    shutil.rmtree(tmp, ignore_errors=True)
    passed = sum(results)
    failed = len(results) - passed
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def certtool(*args):
    subprocess.run(["certtool", *args], check=True, capture_output=True)


def make_fixture():
    """Temp dir with imapd.pem (server, 0600), ca.pem, client.pem, client.key."""
    tmp = tempfile.mkdtemp(prefix="stafeta-tls-")
    os.chmod(tmp, 0o755)
    pem = os.path.join(tmp, "imapd.pem")
    r = subprocess.run([MKCERT, pem], capture_output=True, text=True)
    check("mkimapdcert makes a key+certificate file", r.returncode == 0 and
          "BEGIN CERTIFICATE" in open(pem).read() and "PRIVATE KEY" in open(pem).read(),
          r.stderr)
    check("the key file is not world-readable", os.stat(pem).st_mode & 0o077 == 0)
    r = subprocess.run([MKCERT, pem], capture_output=True, text=True)
    check("mkimapdcert keeps an existing file", r.returncode == 1 and "exists" in r.stderr)
    j = lambda n: os.path.join(tmp, n)
    with open(j("ca.tmpl"), "w") as f:
        f.write('cn = "Stafeta Test CA"\nca\ncert_signing_key\nexpiration_days = 2\nserial = 1\n')
    with open(j("client.tmpl"), "w") as f:
        f.write('cn = "Joe Client"\npkcs9_email = "joe@example.com"\ntls_www_client\n'
                'signing_key\nexpiration_days = 2\nserial = 2\n')
    certtool("--generate-privkey", "--key-type=ecdsa", "--outfile", j("ca.key"))
    certtool("--generate-self-signed", "--load-privkey", j("ca.key"), "--template",
             j("ca.tmpl"), "--outfile", j("ca.pem"))
    certtool("--generate-privkey", "--key-type=ecdsa", "--outfile", j("client.key"))
    certtool("--generate-certificate", "--load-privkey", j("client.key"), "--load-ca-privkey",
             j("ca.key"), "--load-ca-certificate", j("ca.pem"), "--template", j("client.tmpl"),
             "--outfile", j("client.pem"))
    return tmp


class Server:
    """couriertcpd on a free port; implicit=True puts couriertls in front."""

    def __init__(self, tmp, name, implicit, env=None, prog=None):
        self.port = free_port()
        self.log = os.path.join(tmp, name + ".log")
        e = dict(os.environ)
        e.update({"TLS_CERTFILE": os.path.join(tmp, "imapd.pem"), "COURIERTLS": TLS})
        if TLS_USER:
            e["TLS_USER"] = TLS_USER
        if implicit:
            e["IMAP_TLS"] = "1"
        if env:
            e.update(env)
        argv = [TCPD, "-address=127.0.0.1", "-nodnslookup", "-noidentlookup", "-maxperip=50",
                str(self.port)]
        if implicit:
            argv += [TLS, "-server", "-tcpd"] + (["-user=" + TLS_USER] if TLS_USER else [])
        argv += prog if prog else [CHILD]
        self.p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=open(self.log, "wb"), env=e)
        _procs.append(self.p)
        until = time.time() + 10
        while time.time() < until:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        time.sleep(0.2)

    def logtext(self):
        with open(self.log, "rb") as f:
            return f.read().decode("utf-8", "replace")


def interact(argv, lines, until, timeout=15):
    """Run a client, write lines (CRLF), read its stdout until the regex
    `until` matches or timeout; returns (stdout+stderr text, returncode)."""
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    out = b""
    deadline = time.time() + timeout
    os.set_blocking(p.stdout.fileno(), False)
    sent = False
    while time.time() < deadline:
        try:
            d = p.stdout.read()
        except BlockingIOError:
            d = None
        if d:
            out += d
        if not sent and (b"* OK" in out or b"- Handshake was completed" in out):
            time.sleep(0.2)
            try:
                for l in lines:
                    p.stdin.write(l.encode() + b"\r\n")
                p.stdin.flush()
            except BrokenPipeError:
                pass   # the client is gone already; its output tells why
            sent = True
        if re.search(until, out.decode("utf-8", "replace")):
            break
        if p.poll() is not None and not d:
            break
        time.sleep(0.05)
    try:
        p.stdin.close()
    except OSError:
        pass
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    try:
        rest = p.stdout.read()
        if rest:
            out += rest
    except (BlockingIOError, ValueError):
        pass
    return out.decode("utf-8", "replace"), p.returncode


def gnutls_handshake(port, priority, extra=()):
    """True when gnutls-cli completes a handshake with this priority."""
    r = subprocess.run(["gnutls-cli", "--insecure", "--priority", priority, "-p", str(port),
                        *extra, "127.0.0.1"], input=b"", capture_output=True, timeout=20)
    text = (r.stdout + r.stderr).decode("utf-8", "replace")
    return "Handshake was completed" in text, text
