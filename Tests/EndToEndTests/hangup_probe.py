# Runs the dashboard on a pseudo-terminal that is NOT its controlling terminal (a new session
# without one), waits for its first frame, closes the terminal's master side and reports how the
# process ended: exit status, seconds from the hang-up to the exit, and CPU seconds used in that
# time. No SIGHUP is sent by the kernel in this set-up, so the program must notice on its own.
import os, select, subprocess, sys, time

binary = sys.argv[1]
master, slave = os.openpty()
env = dict(os.environ, TERM="xterm-256color")
child = subprocess.Popen([binary, "demo", "--tasks", "2"], stdin=slave, stdout=slave, stderr=subprocess.DEVNULL,
                         start_new_session=True, env=env, close_fds=True)
os.close(slave)
seen = b""
deadline = time.time() + 30
while b"web-1" not in seen and time.time() < deadline:
    ready, _, _ = select.select([master], [], [], 0.5)
    if ready:
        try:
            seen += os.read(master, 65536)
        except OSError:
            break
if b"web-1" not in seen:
    child.kill()
    print("no-first-frame")
    sys.exit(0)
before = os.times()
os.close(master)
hung_up = time.time()
try:
    status = child.wait(timeout=20)
except subprocess.TimeoutExpired:
    child.kill()
    child.wait()
    status = "timeout"
after = os.times()
print(f"status={status} seconds={time.time() - hung_up:.2f} cpu={(after.children_user + after.children_system) - (before.children_user + before.children_system):.2f}")
