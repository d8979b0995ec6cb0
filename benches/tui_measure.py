#!/usr/bin/env python3
"""Measures the release binary in a pseudo-terminal: time to first frame, idle CPU, peak RSS.

Run from the repository root after `cargo build --release`:  python3 benches/tui_measure.py
Figures and what they mean: docs/performance.md.
"""
import os, pty, time, select, sys, struct, fcntl, termios, tempfile

BIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "hearken")
TICK = os.sysconf("SC_CLK_TCK")

def spawn(args, data):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["HEARKEN_DATA_DIR"] = data
        os.environ["TERM"] = "xterm-256color"
        os.execv(BIN, [BIN] + args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd

def read_until(fd, needle, buf, timeout=30):
    end = time.monotonic() + timeout
    while needle.encode() not in buf:
        r, _, _ = select.select([fd], [], [], max(0, end - time.monotonic()))
        if not r:
            raise SystemExit(f"timed out waiting for {needle!r}")
        buf += os.read(fd, 65536)
    return buf

def cpu_ticks(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])  # utime + stime (fields 14, 15)

def hwm(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return line.split(":")[1].strip()

def drain(fd, seconds):
    """Reads whatever arrives for `seconds`; returns the bytes (a redraw would show up here)."""
    end = time.monotonic() + seconds
    got = b""
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], max(0, end - time.monotonic()))
        if r:
            got += os.read(fd, 65536)
    return got

data = tempfile.mkdtemp()
# 1. Time to first frame: from fork to the home screen's text on the terminal.
firsts = []
for _ in range(10):
    t0 = time.monotonic()
    pid, fd = spawn([], data)
    read_until(fd, "Choose a scenario", b"")
    firsts.append((time.monotonic() - t0) * 1000)
    os.write(fd, b"q"); os.waitpid(pid, 0); os.close(fd)
firsts.sort()
print(f"first frame (home screen), 10 runs: min {firsts[0]:.1f} ms, median {firsts[5]:.1f} ms, max {firsts[-1]:.1f} ms")

# 2. Idle CPU on the home screen, and in a conversation after the peer has finished.
pid, fd = spawn([], data)
read_until(fd, "Choose a scenario", b"")
drain(fd, 0.5)  # the rest of the first frame
c0 = cpu_ticks(pid); out = drain(fd, 10); c1 = cpu_ticks(pid)
print(f"idle on home for 10 s: {c1 - c0} clock ticks of CPU (1 tick = {1000 // TICK} ms), {len(out)} bytes written")
os.write(fd, b"q"); os.waitpid(pid, 0); os.close(fd)

pid, fd = spawn(["play", "back-after-relapse", "--seed", "1"], data)
buf = read_until(fd, "Who you are talking to", b"")
os.write(fd, b"\r")
t_start = time.monotonic()
c_start = cpu_ticks(pid)
buf = read_until(fd, "Your turn", b"", timeout=60)
speak_ms = (time.monotonic() - t_start) * 1000
c_spoke = cpu_ticks(pid)
print(f"first turn spoken in {speak_ms:.0f} ms at pace 1: {c_spoke - c_start} ticks of CPU while animating")
drain(fd, 0.5)
c0 = cpu_ticks(pid); out = drain(fd, 10); c1 = cpu_ticks(pid)
print(f"idle in conversation (peer finished) for 10 s: {c1 - c0} clock ticks of CPU, {len(out)} bytes written")
# Play on a bit so the report and transcript are in memory too, then read peak RSS.
for _ in range(3):
    os.write(fd, b"1"); read_until(fd, "Enter", b""); time.sleep(0.2); os.write(fd, b"\r"); time.sleep(0.3)
print(f"peak RSS (VmHWM) in a conversation: {hwm(pid)}")
os.write(fd, b"q"); time.sleep(0.2); os.write(fd, b"y")
os.waitpid(pid, 0)

# 3. Peak RSS over whole sessions: answer "1" and press Enter blindly for a while, which plays
# to the ending, opens the report and its review, and replays from a decision, again and again.
pid, fd = spawn(["play", "back-after-relapse", "--seed", "1", "--no-animation"], data)
read_until(fd, "Who you are talking to", b"")
os.write(fd, b"\r")
for _ in range(60):
    os.write(fd, b"1"); drain(fd, 0.05); os.write(fd, b"\r"); drain(fd, 0.05)
print(f"peak RSS (VmHWM) after 60 rounds of play, report, review and replay: {hwm(pid)}")
os.write(fd, b"q"); drain(fd, 0.1); os.write(fd, b"y")
os.waitpid(pid, 0)
