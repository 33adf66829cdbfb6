"""Round trip of `print(1)` through a real Jupyter kernel (Debian's ipykernel with jupyter_client): the
engine behind the managed service and its peers, measured as the reference for the full stack.

Usage: /usr/bin/python3 ipykernel_rtt.py N  -> prints one JSON line {"samples_ms": [...]}
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel


def main(n):
    manager, client = start_new_kernel(kernel_name="python3", stderr=open("/dev/null", "w"))
    try:
        samples = []
        for i in range(n + 50):
            started = time.perf_counter()
            msg_id = client.execute("print(1)", store_history=False)
            # The execute is done when the kernel reports idle for it on iopub and replies on shell.
            while True:
                msg = client.get_iopub_msg(timeout=10)
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                        and msg["content"]["execution_state"] == "idle":
                    break
            client.get_shell_msg(timeout=10)
            if i >= 50:
                samples.append((time.perf_counter() - started) * 1000)
        print(json.dumps({"samples_ms": samples}))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
