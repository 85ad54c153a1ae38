"""Runs a program on a pseudo-terminal of a fixed size, timestamps everything it writes, and keeps
an emulated screen of it; reads CPU, memory and context switches from /proc."""

import fcntl
import os
import signal
import struct
import subprocess
import termios
import threading
import time

from .screen import Screen

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid, children=False):
    """User + system CPU of `pid` (and of its waited-for children when asked)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # Fields after the command name start at field 3 (state), so utime (14) is index 11.
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLOCK_TICKS


class ThreadCPU:
    """CPU time of every thread of `pid`, in nanoseconds from /proc/PID/task/TID/schedstat.

    /proc/PID/stat counts in clock ticks of 10 ms: over a 10 s window an idle process's figure moves
    in steps of 0.06 s per minute, as large as the differences being measured. Threads are sampled
    while the window runs (``wait``), so a thread that ends inside it still counts up to its last
    sample. Falls back to clock ticks where schedstat is missing."""

    def __init__(self, pid):
        self.pid = pid
        self.last = {}
        self.precise = os.path.exists(f"/proc/{pid}/task/{pid}/schedstat")

    def seconds(self):
        """CPU seconds of every thread seen so far, as last sampled."""
        if not self.precise:
            return cpu_seconds(self.pid)
        for thread in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{thread}/schedstat") as stat:
                    self.last[thread] = int(stat.read().split()[0])
            except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
                pass
        return sum(self.last.values()) / 1e9

    def wait(self, seconds, interval=0.1):
        """Sleeps `seconds`, sampling every `interval`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            time.sleep(min(interval, left))
            self.seconds()


def context_switches(pid):
    """Voluntary + involuntary context switches of every live thread of `pid`."""
    total = 0
    for thread in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{thread}/status") as status:
                for line in status:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def memory_kib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def thread_count(pid):
    return len(os.listdir(f"/proc/{pid}/task"))


class Chunk:
    __slots__ = ("monotonic", "wall", "size", "changed")

    def __init__(self, monotonic, wall, size, changed):
        self.monotonic, self.wall, self.size, self.changed = monotonic, wall, size, changed


class TerminalApp:
    """A program on its own pty; a reader thread feeds its output to a ``Screen``."""

    def __init__(self, argv, columns=120, rows=40, environment=None, stderr_path=os.devnull):
        self.columns, self.rows = columns, rows
        self.screen = Screen(columns, rows)
        self.chunks = []
        self.condition = threading.Condition()
        self.observers = []
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = dict(os.environ)
        env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
        env.pop("NO_COLOR", None)
        env.update(environment or {})
        self.stderr = open(stderr_path, "wb")

        def make_controlling_terminal():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.started = time.monotonic()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=self.stderr, env=env,
                                        preexec_fn=make_controlling_terminal, close_fds=True)
        os.close(slave)
        self.master = master
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    @property
    def pid(self):
        return self.process.pid

    def _read(self):
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                data = b""
            now, wall = time.monotonic(), time.time()
            with self.condition:
                if not data:
                    self.closed = True
                    self.condition.notify_all()
                    return
                changed = self.screen.feed(data)
                chunk = Chunk(now, wall, len(data), changed)
                self.chunks.append(chunk)
                for observer in self.observers:
                    observer(self, chunk)
                self.condition.notify_all()

    closed = False

    def send(self, data):
        """Writes keys; returns the monotonic time just before the write."""
        sent = time.monotonic()
        os.write(self.master, data)
        return sent

    def wait_for(self, predicate, timeout):
        """Waits until `predicate(screen)` holds after some chunk; returns that chunk's time or None."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                if self.chunks and predicate(self.screen):
                    return self.chunks[-1].monotonic
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.closed:
                    return None
                self.condition.wait(remaining)

    def byte_count(self):
        with self.condition:
            return sum(chunk.size for chunk in self.chunks)

    def snapshot(self):
        with self.condition:
            return self.screen.text()

    def stop(self):
        if self.process.poll() is None:
            try:
                os.write(self.master, b"q")
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        try:
            os.close(self.master)
        except OSError:
            pass
        self.stderr.close()
