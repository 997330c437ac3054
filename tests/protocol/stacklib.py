"""stacklib.py - a throw-away Stafeta stack for the protocol, interop and bench
suites: `mailctl init` in a temporary directory on free loopback ports,
`mailctl start`, and `stop()` that removes everything.  The POP3 and LMTP
helpers (pop3lib.py, lmtplib.py) build their fixtures on top of Stack.
Python 3 standard library only.

Environment: top_srcdir, top_builddir (tests/runtests sets both; otherwise
they are guessed from this file's place and $STAFETA_BUILDDIR).
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('top_srcdir') or os.path.dirname(os.path.dirname(HERE))
BUILDDIR = os.environ.get('top_builddir') or os.environ.get('STAFETA_BUILDDIR') or SRCDIR


def prog(path):
    """Absolute path of a program in the build tree; raises if it is not built."""
    p = os.path.join(BUILDDIR, path)
    if not os.access(p, os.X_OK):
        raise RuntimeError('%s is not built (top_builddir=%s)' % (p, BUILDDIR))
    return p


def clock_env(moved=True):
    """The test clock of this run: TZ (UTC unless tests/with-clock set another)
    and, under tests/with-clock, the clock shim's preload and offset.  Every
    environment a suite builds for a program it starts includes these, so the
    whole stack and its peers agree on the date and the zone.  moved=False
    gives the zone only, for a peer that compares the clock with the times of
    files it has just written (Courier's imapd answers "BYE Clock skew
    detected" when the two differ by more than a few seconds)."""
    env = {'TZ': os.environ.get('TZ', 'UTC')}
    if moved:
        for k in ('LD_PRELOAD', 'STAFETA_TEST_CLOCK_OFFSET'):
            if os.environ.get(k):
                env[k] = os.environ[k]
    return env


def clean_env(extra=None):
    """A minimal environment (plus the sanitizer options and the test clock) for our programs."""
    env = {'PATH': '/usr/sbin:/usr/bin:/sbin:/bin', 'LC_ALL': 'C'}
    env.update(clock_env())
    for k in ('ASAN_OPTIONS', 'UBSAN_OPTIONS', 'LSAN_OPTIONS'):
        if k in os.environ:
            env[k] = os.environ[k]
    if extra:
        env.update(extra)
    return env


def client_env(home, extra=None):
    """clean_env() for a real client program (fetchmail, getmail, mpop, msmtp,
    curl, swaks...): HOME, the XDG directories and FETCHMAILHOME all inside the
    private directory home, so no client reads or writes the invoking user's
    files or locks (fetchmail run as root otherwise takes /var/run/fetchmail.pid
    and refuses to run beside the machine's own fetchmail)."""
    dirs = {'HOME': home, 'FETCHMAILHOME': os.path.join(home, '.fetchmail-home'),
            'XDG_CONFIG_HOME': os.path.join(home, '.config'),
            'XDG_DATA_HOME': os.path.join(home, '.local', 'share'),
            'XDG_STATE_HOME': os.path.join(home, '.local', 'state'),
            'XDG_CACHE_HOME': os.path.join(home, '.cache'),
            'XDG_RUNTIME_DIR': os.path.join(home, '.run')}
    for d in dirs.values():
        os.makedirs(d, mode=0o700, exist_ok=True)
    env = clean_env(dirs)
    if extra:
        env.update(extra)
    return env


def is_listening(port):
    """True when some socket of this machine listens on TCP port (IPv4 or IPv6),
    read from /proc/net/tcp{,6}: no connection is made, so a server with
    -maxperip or a one-shot child never sees a probe."""
    for name in ('/proc/net/tcp', '/proc/net/tcp6'):
        try:
            with open(name) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    if fields[3] == '0A' and int(fields[1].rsplit(':', 1)[1], 16) == port:
                        return True
        except OSError:
            continue
    return False


def wait_listen(port, proc=None, timeout=60):
    """Wait until TCP port is listened on; False if proc exits first (a port
    taken in between free_port() and its bind) or after timeout seconds (a
    loaded machine under ASan can take a while to start a server)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if is_listening(port):
            return True
        if proc is not None and proc.poll() is not None:
            return False
        time.sleep(0.02)
    return False


def wait_unix(path, tries=500):
    """Wait until a unix socket accepts (a socket file exists between bind and listen)."""
    for _ in range(tries):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return True
        except OSError:
            time.sleep(0.02)
        finally:
            s.close()
    return False


class Stack:
    """mailctl init DIR --ports=auto; start(); stop() removes everything."""

    def __init__(self, prefix='stafeta-', user='alice', password='secret', base=None):
        self.base = base or tempfile.mkdtemp(prefix=prefix)
        os.chmod(self.base, 0o755)  # the mail account must reach its home below
        self.dir = os.path.join(self.base, 'inst')
        self.etc = os.path.join(self.dir, 'etc')
        self.user, self.password = user, password
        self.mailctl = prog('etc/mailctl')
        self.started = False
        self.procs = []
        r = subprocess.run([self.mailctl, 'init', self.dir, '--ports=auto', '--user', user,
                            '--password', password], env=clean_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError('mailctl init failed: %s' % r.stdout.decode(errors='replace'))
        conf = open(os.path.join(self.etc, 'mailctl.conf')).read()
        self.uid = int(re.search(r'MAIL_UID=(\d+)', conf).group(1))
        self.gid = int(re.search(r'MAIL_GID=(\d+)', conf).group(1))

    def auth_env(self):
        return {'AUTHDAEMONVAR': os.path.join(self.dir, 'run', 'authdaemon'),
                'USERDB': os.path.join(self.etc, 'userdb'),
                'AUTHDAEMONRC': os.path.join(self.etc, 'authdaemonrc')}

    def makeuserdb(self):
        r = subprocess.run([prog('authdaemon/makeuserdb')], env=clean_env(self.auth_env()),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError('makeuserdb failed: %s' % r.stdout.decode(errors='replace'))

    def start(self, wait_sockets=()):
        r = subprocess.run([self.mailctl, '-c', self.etc, 'start'], env=clean_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError('mailctl start failed: %s' % r.stdout.decode(errors='replace'))
        self.started = True
        out = subprocess.run([self.mailctl, '-c', self.etc, 'ports'], env=clean_env(),
                             stdout=subprocess.PIPE, check=True).stdout.decode()
        self.ports = {k: int(v) for k, v in (l.split() for l in out.splitlines() if l.strip())}
        for path in wait_sockets:
            wait_unix(path)
        return self

    def stop(self, keep=False):
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        self.procs = []
        if self.started:
            subprocess.run([self.mailctl, '-c', self.etc, 'stop'], env=clean_env(),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.started = False
        if not keep:
            shutil.rmtree(self.base, ignore_errors=True)

    def log(self, name):
        try:
            return open(os.path.join(self.dir, 'log', name + '.log'), errors='replace').read()
        except OSError:
            return ''

    def chown(self, path):
        if os.getuid() == 0:
            os.chown(path, self.uid, self.gid)

    def make_maildir(self, md, folder=False):
        for sub in ('', 'tmp', 'new', 'cur'):
            d = os.path.join(md, sub)
            os.makedirs(d, mode=0o700, exist_ok=True)
            self.chown(d)
        if folder:
            p = os.path.join(md, 'maildirfolder')
            open(p, 'w').close()
            self.chown(p)
