"""Writes the sandbox's seccomp program (BPF) to the path given as the only argument.

Allow by default, deny what a code-interpreter kernel never needs and an escape would: sockets other
than AF_UNIX (no network even if a namespace were misconfigured), tracing, mounting, namespaces,
kernel keyrings, module loading, BPF and perf.
"""
import errno
import socket
import sys

import seccomp

DENIED = [
    "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2", "pivot_root", "chroot",
    "unshare", "setns", "kexec_load", "kexec_file_load", "init_module", "finit_module",
    "delete_module", "bpf", "perf_event_open", "keyctl", "add_key", "request_key", "userfaultfd",
    "personality", "reboot", "swapon", "swapoff", "acct", "syslog", "open_by_handle_at",
    "name_to_handle_at", "fsopen", "fsmount", "fsconfig", "move_mount", "open_tree", "quotactl",
]

# CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, NEWTIME
CLONE_NAMESPACE_FLAGS = (0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000, 0x00000080)


def main(path):
    f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        try:
            f.add_rule(seccomp.ERRNO(errno.EPERM), name)
        except (RuntimeError, ValueError):
            pass  # not a system call on this architecture
    f.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    # New namespaces through clone flags; clone3 passes flags in a struct seccomp cannot read, so make
    # it unavailable and the C library falls back to clone.
    for flag in CLONE_NAMESPACE_FLAGS:
        f.add_rule(seccomp.ERRNO(errno.EPERM), "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    f.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    with open(path, "wb") as out:
        f.export_bpf(out)


if __name__ == "__main__":
    main(sys.argv[1])
