"""pop3lib.py - a throw-away Stafeta instance for the POP3 suites (protocol,
interop, bench): `mailctl init` + `start` in a temporary directory on free
loopback ports, fixtures written into the user's Maildir, and helpers to run
pop3d/pop3login directly on stdin/stdout.  Python 3 standard library only.

Environment: top_srcdir, top_builddir (tests/runtests sets both; otherwise
they are guessed from this file's place and $STAFETA_BUILDDIR).
"""

import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('top_srcdir') or os.path.dirname(os.path.dirname(HERE))
BUILDDIR = os.environ.get('top_builddir') or os.environ.get('STAFETA_BUILDDIR') or SRCDIR

USER = 'alice'
PASSWORD = 'secret'


def prog(path):
    p = os.path.join(BUILDDIR, path)
    if not os.access(p, os.X_OK):
        raise RuntimeError('%s is not built (top_builddir=%s)' % (p, BUILDDIR))
    return p


def clean_env(extra=None):
    env = {'PATH': '/usr/sbin:/usr/bin:/sbin:/bin', 'TZ': 'UTC', 'LC_ALL': 'C'}
    for k in ('ASAN_OPTIONS', 'UBSAN_OPTIONS', 'LSAN_OPTIONS'):
        if k in os.environ:
            env[k] = os.environ[k]
    if extra:
        env.update(extra)
    return env


class Instance:
    """mailctl init DIR; mailctl start; ...; stop() removes everything."""

    def __init__(self, extra_pop3d=None, user=USER, password=PASSWORD):
        self.base = tempfile.mkdtemp(prefix='stafeta-pop3-')
        os.chmod(self.base, 0o755)  # the mail account must reach its home below
        self.dir = os.path.join(self.base, 'inst')
        self.etc = os.path.join(self.dir, 'etc')
        self.user, self.password = user, password
        self.mailctl = prog('etc/mailctl')
        self.started = False
        r = subprocess.run([self.mailctl, 'init', self.dir, '--ports=auto', '--user', user,
                            '--password', password], env=clean_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError('mailctl init failed: %s' % r.stdout.decode(errors='replace'))
        conf = open(os.path.join(self.etc, 'mailctl.conf')).read()
        self.uid = int(re.search(r'MAIL_UID=(\d+)', conf).group(1))
        self.gid = int(re.search(r'MAIL_GID=(\d+)', conf).group(1))
        self.home = os.path.join(self.dir, 'home', user)
        self.maildir = os.path.join(self.home, 'Maildir')
        rc = os.path.join(self.etc, 'authdaemonrc')
        if not os.path.exists(rc):
            # until etc/templates/authdaemonrc exists: userdb only
            with open(rc, 'w') as f:
                f.write('authmodulelist="authuserdb"\ndaemons=3\nauthdaemonvar=%s\n'
                        % os.path.join(self.dir, 'run', 'authdaemon'))
        if extra_pop3d:
            with open(os.path.join(self.etc, 'pop3d'), 'a') as f:
                for k, v in extra_pop3d.items():
                    f.write('%s="%s"\n' % (k, v))

    def add_cram(self, user, password):
        """Give user a CRAM-MD5 secret (userdb hmac-md5pw), rebuild userdb.dat."""
        sec = subprocess.run([prog('authdaemon/userdbpw'), '-hmac-md5'], input=password.encode() + b'\n',
                             stdout=subprocess.PIPE, check=True, env=clean_env()).stdout.decode().strip()
        db = os.path.join(self.etc, 'userdb')
        lines = open(db).read().splitlines()
        with open(db, 'w') as f:
            for l in lines:
                if l.split('\t')[0] == user:
                    l += '|hmac-md5pw=' + sec
                f.write(l + '\n')
        subprocess.run([prog('authdaemon/makeuserdb')], check=True, stdout=subprocess.DEVNULL,
                       env=clean_env({'USERDB': db}))

    def start(self):
        r = subprocess.run([self.mailctl, '-c', self.etc, 'start'], env=clean_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError('mailctl start failed: %s' % r.stdout.decode(errors='replace'))
        self.started = True
        out = subprocess.run([self.mailctl, '-c', self.etc, 'ports'], env=clean_env(),
                             stdout=subprocess.PIPE, check=True).stdout.decode()
        self.ports = {k: int(v) for k, v in (l.split() for l in out.splitlines() if l.strip())}
        return self

    def stop(self, keep=False):
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

    def auth_env(self):
        return {'AUTHDAEMONVAR': os.path.join(self.dir, 'run', 'authdaemon'),
                'USERDB': os.path.join(self.etc, 'userdb')}

    def as_mail_user(self):
        """preexec_fn that becomes the mail account (when we are root)."""
        uid, gid = self.uid, self.gid
        if os.getuid() != 0:
            return None

        def fn():
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
        return fn

    def chown(self, path):
        if os.getuid() == 0:
            os.chown(path, self.uid, self.gid)


def write_maildir(inst, messages, maildir=None):
    """Replace the Maildir's content: messages is a list of (subdir, name, bytes)."""
    md = maildir or inst.maildir
    for sub in ('tmp', 'new', 'cur'):
        d = os.path.join(md, sub)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d, mode=0o700)
        inst.chown(d)
    for f in ('courierpop3dsizelist', 'courierpop3dlock', 'maildirsize'):
        try:
            os.unlink(os.path.join(md, f))
        except FileNotFoundError:
            pass
    for sub, name, data in messages:
        p = os.path.join(md, sub, name)
        with open(p, 'wb') as f:
            f.write(data)
        os.chmod(p, 0o600)
        inst.chown(p)


def gen_messages(count, seed=1, base=1700000000, size=4200, crlf=False):
    """A deterministic message set: (subdir, name, bytes) with varied content:
    dot lines, long lines, 8-bit bodies, no final LF, CRLF."""
    import random
    rnd = random.Random(seed)
    out = []
    words = ['alpha', 'beta', '.gamma', 'delta', '..', '.', 'epsilon', 'z\xe9ta', 'eta']
    for i in range(count):
        hdr = ('Return-Path: <sender%d@example.org>\nFrom: Sender %d <sender%d@example.org>\n'
               'To: %s@example.com\nSubject: message %d of %d\nMessage-ID: <%d.%d@example.org>\n'
               'Date: Sat, 28 Nov 2026 10:00:00 +0000\n\n' % (i, i, i, USER, i + 1, count, seed, i))
        body = []
        n = len(hdr)
        while n < size:
            line = ' '.join(rnd.choice(words) for _ in range(rnd.randint(0, 14)))
            if rnd.random() < 0.02:
                line = 'x' * rnd.randint(900, 998)
            body.append(line)
            n += len(line) + 1
        text = hdr + '\n'.join(body) + ('\n' if i % 7 else '')
        data = text.encode('utf-8')
        if crlf and i % 11 == 5:
            data = data.replace(b'\n', b'\r\n')
        name = '%d.M%dP%d.test,S=%d' % (base + i, i, 100 + i, len(data))
        out.append(('new' if i % 3 else 'cur', name + ('' if i % 3 else ':2,S'), data))
    return out


def wire_form(data):
    """What a POP3 server must send for a stored message (Courier's rules),
    without the final '.': LF -> CRLF, dot-stuffing, a final CRLF."""
    if data == b'':
        return b'\r\n'
    lines = data.split(b'\n')
    if lines[-1] == b'':
        lines.pop()
    return b''.join((b'.' + l if l.startswith(b'.') else l) + b'\r\n' for l in lines)


def lf_form(data):
    """What a client that stores LF line ends keeps: the file, ending in LF."""
    return data if data.endswith(b'\n') or data == b'' else data + b'\n'


def client_form(data):
    """What a client stores after un-stuffing the wire form (CRLF endings)."""
    if data == b'':
        return b'\r\n'
    lines = data.split(b'\n')
    if lines[-1] == b'':
        lines.pop()
    return b''.join(l + b'\r\n' for l in lines)
