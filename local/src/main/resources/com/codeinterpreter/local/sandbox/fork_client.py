"""Asks the kernel template (template.py) for one kernel, hands it this process's stdin, stdout and stderr, and
exits as that kernel exits, so that to the pool this process is the kernel: its pipes, its exit status, and
killing it ends the kernel (the template's side sees the connection close and kills the sandbox).

Usage: fork_client.py SOCKET SPEC_JSON
"""
# _socket, not socket: the wrapper module's imports would double this process's start (~7 ms of CPU per kernel).
import _socket
import sys


def main():
    conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        conn.connect(sys.argv[1])
    except OSError as exc:
        sys.stderr.write("the kernel template does not answer at %s: %s\n" % (sys.argv[1], exc))
        return 125
    descriptors = b"".join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in (0, 1, 2))
    conn.sendmsg([sys.argv[2].encode() + b"\n"], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, descriptors)])
    # This process keeps its own copy of the pipes until it exits: the pool then sees the end of the kernel's
    # output only once the kernel's exit status is known, as with a kernel it started itself.
    answer = b""
    while not answer.endswith(b"\n"):
        chunk = conn.recv(16)
        if not chunk:
            sys.stderr.write("the kernel template ended before this kernel did\n")
            return 125
        answer += chunk
    return int(answer)


if __name__ == "__main__":
    sys.exit(main())
