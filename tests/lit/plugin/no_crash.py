"""Runs a compiler command and fails when it crashed, whatever its diagnostics were.

Prints the command's output (for FileCheck), then exits 0 when the compiler finished
normally (exit status 0 or 1: success or diagnostics), and 2 when it crashed: killed by a
signal, an exit status above 1, or Clang's crash report in the output."""
import subprocess
import sys

CRASH_MARKERS = (
    "PLEASE submit a bug report",
    "Stack dump:",
    "clang frontend command failed due to signal",
    "crash backtrace",
    "LLVM ERROR",
    "Assertion",
    "terminate called",
)


def main():
    if len(sys.argv) < 2:
        print("usage: no_crash.py COMMAND...", file=sys.stderr)
        return 2
    result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = result.stdout.decode("utf-8", "replace")
    sys.stdout.write(output)
    for marker in CRASH_MARKERS:
        if marker in output:
            print("no_crash.py: the compiler crashed (%r in its output)" % marker)
            return 2
    if result.returncode < 0 or result.returncode > 1:
        print("no_crash.py: the compiler exited with status %d" % result.returncode)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
