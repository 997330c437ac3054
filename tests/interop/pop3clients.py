"""pop3clients.py - the POP3 interop suites: real clients from Debian download
a generated message set from a throw-away Stafeta stack (tests/protocol/
pop3lib.py), and what they store must be byte-for-byte the messages in the
Maildir (in the line-end form that client stores).  Each run-pop3-<client>
script calls run(<client>).  Python 3 standard library only.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                'protocol'))
import harness  # noqa: E402
import pop3lib  # noqa: E402

COUNT = 40


def digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


def same_set(got, want):
    """Compare two lists of messages as multisets; (ok, reason)."""
    g = sorted(digest(x) for x in got)
    w = sorted(digest(x) for x in want)
    if g == w:
        return True, ''
    missing = len([x for x in w if x not in g])
    extra = len([x for x in g if x not in w])
    return False, 'got %d messages, want %d (%d missing, %d unexpected)' % (
        len(got), len(want), missing, extra)


def strip_received(data, count=1):
    """Drop the first `count` Received: header fields a client added."""
    for _ in range(count):
        if not data.startswith(b'Received:'):
            return data
        lines = data.split(b'\n')
        i = 1
        while i < len(lines) and lines[i][:1] in (b' ', b'\t'):
            i += 1
        data = b'\n'.join(lines[i:])
    return data


def read_dir(d):
    out = []
    for root, _, files in os.walk(d):
        for f in sorted(files):
            with open(os.path.join(root, f), 'rb') as fp:
                out.append(fp.read())
    return out


def server_count(inst):
    return sum(len(os.listdir(os.path.join(inst.maildir, s))) for s in ('new', 'cur'))


class Work:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='stafeta-pop3-client-')

    def path(self, *p):
        return os.path.join(self.dir, *p)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def run_cmd(argv, env=None, ok_codes=(0,), timeout=120):
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                       timeout=timeout)
    if r.returncode not in ok_codes:
        raise AssertionError('%s exited %d:\n%s' % (os.path.basename(argv[0]), r.returncode,
                                                    r.stdout.decode(errors='replace')[-3000:]))
    return r.stdout.decode(errors='replace')


# ---- fetchmail: keep, keep again (nothing twice), new mail, then flush ----

def fetchmail_cases(inst, msgs):
    w = Work()
    out = w.path('out')
    os.makedirs(out)
    save = w.path('save.sh')
    with open(save, 'w') as f:
        f.write('#!/bin/sh\nexec cat > "$(mktemp %s/m.XXXXXXXX)"\n' % out)
    os.chmod(save, 0o755)
    env = pop3lib.client_env(w.dir)

    def rc(extra):
        p = w.path('fetchmailrc')
        with open(p, 'w') as f:
            f.write('set no syslog\nset idfile "%s"\n'
                    'poll 127.0.0.1 protocol pop3 port %d uidl auth password no envelope:\n'
                    ' user "%s" with password "%s" is "%s" here options %s '
                    'sslproto "" no sslcertck mda "%s"\n'
                    % (w.path('fetchids'), inst.ports['pop3'], inst.user, inst.password,
                       os.environ.get('USER', 'root'), extra, save))
        os.chmod(p, 0o600)
        return p

    def fetch(extra):
        before = set(os.listdir(out))
        # 1 = no mail: fine
        run_cmd(['fetchmail', '-f', rc(extra), '--nodetach', '--pidfile', w.path('fetchmail.pid')],
                env=env, ok_codes=(0, 1))
        return [open(os.path.join(out, n), 'rb').read() for n in sorted(set(os.listdir(out)) - before)]

    want = [pop3lib.lf_form(m[2]) for m in msgs]
    extra_msgs = pop3lib.gen_messages(2, seed=99, base=1800000000)

    def keep1():
        got = [strip_received(x) for x in fetch('keep')]
        ok, why = same_set(got, want)
        if ok and server_count(inst) != len(msgs):
            return False, 'server has %d messages after keep, want %d' % (server_count(inst), len(msgs))
        return ok, why

    def keep2():
        got = fetch('keep')
        return (True, '') if not got else (False, '%d messages fetched twice' % len(got))

    def newmail():
        for sub, name, data in extra_msgs:
            p = os.path.join(inst.maildir, 'new', name.split(':')[0])
            with open(p, 'wb') as f:
                f.write(data)
            inst.chown(p)
        got = [strip_received(x) for x in fetch('keep')]
        return same_set(got, [pop3lib.lf_form(m[2]) for m in extra_msgs])

    def flush():
        got = fetch('flush')
        if got:
            return False, 'flush downloaded %d messages' % len(got)
        n = server_count(inst)
        return (True, '') if n == 0 else (False, '%d messages left on the server' % n)

    return w, [('fetchmail keep (%d messages)' % len(msgs), keep1),
               ('fetchmail keep again: nothing twice', keep2),
               ('fetchmail keep: only the 2 new messages', newmail),
               ('fetchmail flush: server emptied', flush)]


# ---- getmail6 -------------------------------------------------------------

def getmail_cases(inst, msgs):
    w = Work()
    dest = w.path('Maildir')
    for s in ('tmp', 'new', 'cur'):
        os.makedirs(os.path.join(dest, s))
    gmdir = w.path('getmail')
    os.makedirs(gmdir)
    # as root getmail delivers only as a named unprivileged user
    as_user = ''
    if os.getuid() == 0:
        import pwd
        nobody = pwd.getpwnam('nobody')
        os.chmod(w.dir, 0o755)
        for root, dirs, _ in os.walk(dest):
            os.chown(root, nobody.pw_uid, nobody.pw_gid)
        as_user = 'user = nobody\n'

    def rc(delete):
        p = w.path('getmail', 'getmailrc')
        with open(p, 'w') as f:
            f.write('[retriever]\ntype = SimplePOP3Retriever\nserver = 127.0.0.1\nport = %d\n'
                    'username = %s\npassword = %s\n\n[destination]\ntype = Maildir\npath = %s/\n%s\n'
                    '[options]\nread_all = false\ndelete = %s\ndelivered_to = false\n'
                    'received = false\nverbose = 0\n'
                    % (inst.ports['pop3'], inst.user, inst.password, dest, as_user,
                       'true' if delete else 'false'))
        return p

    def fetch(delete=False):
        before = set(os.listdir(os.path.join(dest, 'new')))
        run_cmd(['getmail', '--getmaildir', gmdir, '--rcfile', rc(delete)],
                env=pop3lib.client_env(w.dir))
        new = sorted(set(os.listdir(os.path.join(dest, 'new'))) - before)
        return [open(os.path.join(dest, 'new', n), 'rb').read() for n in new]

    want = [pop3lib.lf_form(m[2]) for m in msgs]

    def first():
        return same_set(fetch(), want)

    def again():
        got = fetch()
        return (True, '') if not got else (False, '%d messages fetched twice' % len(got))

    def delete():
        got = fetch(delete=True)
        n = server_count(inst)
        if got:
            return False, 'downloaded %d again' % len(got)
        return (True, '') if n == 0 else (False, '%d messages left on the server' % n)

    return w, [('getmail6 read_all=false (%d messages)' % len(msgs), first),
               ('getmail6 again: nothing twice', again),
               ('getmail6 delete=true: server emptied', delete)]


# ---- mpop: plain, STLS and POP3S ------------------------------------------

def mpop_cases(inst, msgs):
    w = Work()

    def fetch(name, tls, keep=True):
        dest = w.path(name)
        for s in ('tmp', 'new', 'cur'):
            os.makedirs(os.path.join(dest, s), exist_ok=True)
        argv = ['mpop', '--host=127.0.0.1', '--auth=user', '--user=' + inst.user,
                '--passwordeval=echo ' + inst.password, '--keep=' + ('on' if keep else 'off'),
                '--delivery=maildir,' + dest, '--uidls-file=' + w.path(name + '.uidls'),
                '--received-header=off', '--pipelining=auto']
        if tls == 'off':
            argv += ['--port=%d' % inst.ports['pop3'], '--tls=off']
        elif tls == 'stls':
            argv += ['--port=%d' % inst.ports['pop3'], '--tls=on', '--tls-starttls=on',
                     '--tls-certcheck=off']
        else:
            argv += ['--port=%d' % inst.ports['pop3s'], '--tls=on', '--tls-starttls=off',
                     '--tls-certcheck=off']
        before = set(os.listdir(os.path.join(dest, 'new')))
        run_cmd(argv + ['-q'], env=pop3lib.client_env(w.dir))
        new = sorted(set(os.listdir(os.path.join(dest, 'new'))) - before)
        return [open(os.path.join(dest, 'new', n), 'rb').read() for n in new]

    want = [pop3lib.lf_form(m[2]) for m in msgs]

    def case(name, tls):
        def fn():
            ok, why = same_set(fetch(name, tls), want)
            if not ok:
                return ok, why
            again = fetch(name, tls)
            return (True, '') if not again else (False, '%d fetched twice' % len(again))
        return fn

    def delete():
        fetch('del', 'off', keep=False)
        n = server_count(inst)
        return (True, '') if n == 0 else (False, '%d messages left on the server' % n)

    return w, [('mpop plain (%d messages, then nothing twice)' % len(msgs), case('plain', 'off')),
               ('mpop STLS', case('stls', 'stls')),
               ('mpop POP3S', case('pop3s', 'pop3s')),
               ('mpop keep=off: server emptied', delete)]


# ---- curl pop3:// and pop3s:// --------------------------------------------

def curl_cases(inst, msgs):
    w = Work()
    want = [pop3lib.client_form(m[2]) for m in msgs]
    order = sorted(msgs, key=lambda m: (int(m[1].split('.')[0]), m[1]))

    def fetch_all(url):
        got = []
        for i in range(1, len(msgs) + 1):
            out = w.path('m%d' % i)
            run_cmd(['curl', '-s', '-S', '-k', '--user', '%s:%s' % (inst.user, inst.password),
                     '-o', out, '%s/%d' % (url, i)])
            got.append(open(out, 'rb').read())
        return got

    def case(url):
        def fn():
            got = fetch_all(url)
            for i, (g, m) in enumerate(zip(got, order)):
                if g != pop3lib.client_form(m[2]):
                    return False, 'message %d differs (%d bytes, want %d)' % (
                        i + 1, len(g), len(pop3lib.client_form(m[2])))
            return same_set(got, want)
        return fn

    def listing():
        out = run_cmd(['curl', '-s', '-S', '--user', '%s:%s' % (inst.user, inst.password),
                       'pop3://127.0.0.1:%d/' % inst.ports['pop3']])
        n = len([l for l in out.splitlines() if l.strip()])
        return (True, '') if n == len(msgs) else (False, 'LIST gave %d lines' % n)

    return w, [('curl pop3:// LIST', listing),
               ('curl pop3:// RETR each (%d messages)' % len(msgs),
                case('pop3://127.0.0.1:%d' % inst.ports['pop3'])),
               ('curl pop3s:// RETR each', case('pop3s://127.0.0.1:%d' % inst.ports['pop3s']))]


# ---- Python poplib --------------------------------------------------------

def poplib_cases(inst, msgs):
    import poplib
    import ssl
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    want = [pop3lib.lf_form(m[2]) for m in msgs]

    def session(kind, delete=False):
        if kind == 'pop3s':
            p = poplib.POP3_SSL('127.0.0.1', inst.ports['pop3s'], context=ctx, timeout=30)
        else:
            p = poplib.POP3('127.0.0.1', inst.ports['pop3'], timeout=30)
            if kind == 'stls':
                p.stls(ctx)
        p.user(inst.user)
        p.pass_(inst.password)
        count, size = p.stat()
        sizes = [int(x.split()[1]) for x in p.list()[1]]
        uidls = [x.split()[1] for x in p.uidl()[1]]
        got = []
        for i in range(1, count + 1):
            resp, lines, octets = p.retr(i)
            data = b'\n'.join(lines) + b'\n'
            # RFC 1939: the size is the octets the server sends (CRLF lines)
            if octets != sizes[i - 1]:
                raise AssertionError('message %d: %d octets read, LIST said %d'
                                     % (i, octets, sizes[i - 1]))
            got.append(data)
            if delete:
                p.dele(i)
        p.quit()
        return got, size, sizes, uidls

    def case(kind):
        def fn():
            got, size, sizes, uidls = session(kind)
            if sum(sizes) != size:
                return False, 'STAT %d != sum of LIST %d' % (size, sum(sizes))
            if len(set(uidls)) != len(uidls):
                return False, 'UIDLs not unique'
            return same_set(got, want)
        return fn

    def delete():
        session('plain', delete=True)
        n = server_count(inst)
        return (True, '') if n == 0 else (False, '%d messages left after DELE+QUIT' % n)

    return None, [('poplib plain (%d messages)' % len(msgs), case('plain')),
                  ('poplib STLS', case('stls')),
                  ('poplib POP3_SSL', case('pop3s')),
                  ('poplib DELE all + QUIT: server emptied', delete)]


CLIENTS = {'fetchmail': fetchmail_cases, 'getmail': getmail_cases, 'mpop': mpop_cases,
           'curl': curl_cases, 'poplib': poplib_cases}


def run(client):
    inst = None
    work = None
    try:
        inst = pop3lib.Instance().start()
        msgs = pop3lib.gen_messages(COUNT, seed=hash(client) & 0xffff)
        pop3lib.write_maildir(inst, msgs)
        work, cases = CLIENTS[client](inst, msgs)
        rc = harness.main(cases)
        if rc != 0:
            print('--- log/pop3d.log (tail)\n' + '\n'.join(inst.log('pop3d').splitlines()[-20:]))
            print('--- log/pop3d-ssl.log (tail)\n' + '\n'.join(inst.log('pop3d-ssl').splitlines()[-10:]))
            passed = rc  # keep the summary last
            del passed
            print(SUMMARY[0])
        return rc
    except Exception as e:
        print('FAIL setup: %s: %s' % (type(e).__name__, e))
        print('0 passed, 1 failed')
        return 1
    finally:
        if work is not None:
            work.close()
        if inst is not None:
            inst.stop()


SUMMARY = ['']
_main = harness.main


def _main_keep_summary(cases, out=sys.stdout):
    import io
    buf = io.StringIO()
    rc = _main(cases, buf)
    text = buf.getvalue()
    out.write(text)
    SUMMARY[0] = text.strip().splitlines()[-1]
    return rc


harness.main = _main_keep_summary
