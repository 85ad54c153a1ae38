"""A loopback stand-in for the agent's task-protection endpoint that timestamps each PUT's arrival,
so the benchmark can measure key press → request on the wire in one clock."""

import email.utils
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATH_SUFFIX = "/task-protection/v1/state"


def rfc3339(epoch):
    seconds = int(epoch)
    milliseconds = int(round((epoch - seconds) * 1000))
    if milliseconds == 1000:
        seconds, milliseconds = seconds + 1, 0
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    if milliseconds:
        text += "." + f"{milliseconds:03d}".rstrip("0")
    return text + "Z"


class TimestampingAgent:
    def __init__(self, task_count, put_latency=0.2, protected_for=None):
        self.put_arrivals = []
        self.condition = threading.Condition()
        self.put_latency = put_latency
        self.requests = 0
        now = time.time()
        self.tasks = {}
        for index in range(task_count):
            expiry = now + protected_for(index) if protected_for else None
            self.tasks[f"/api/bench-{index:05d}{PATH_SUFFIX}"] = {"index": index, "expiry": expiry}
        agent = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *arguments):
                pass

            def _answer(self, task):
                expiry = task["expiry"]
                if expiry is not None and expiry <= time.time():
                    task["expiry"] = expiry = None
                protection = {"ExpirationDate": rfc3339(expiry) if expiry else None,
                              "ProtectionEnabled": expiry is not None,
                              "TaskArn": f"arn:aws:ecs:us-west-2:111122223333:task/bench/{task['index']:032x}"}
                body = json.dumps({"protection": protection}, separators=(",", ":")).encode()
                self.send_response_only(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Date", email.utils.formatdate(usegmt=True))
                # Head and body in one write, as the agent's Go server sends a small answer: two
                # writes would make every client under test wake twice per answer.
                self._headers_buffer.append(b"\r\n" + body)
                self.flush_headers()

            def do_GET(self):
                with agent.condition:
                    agent.requests += 1
                task = agent.tasks.get(self.path.split("?")[0])
                if task is None:
                    self.send_error(404)
                    return
                self._answer(task)

            def do_PUT(self):
                arrived = time.monotonic()
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                task = agent.tasks.get(self.path.split("?")[0])
                with agent.condition:
                    agent.requests += 1
                    agent.put_arrivals.append((arrived, task["index"] if task else None))
                    agent.condition.notify_all()
                if task is None:
                    self.send_error(404)
                    return
                time.sleep(agent.put_latency)
                enabled = bool(body.get("ProtectionEnabled"))
                task["expiry"] = time.time() + 60 * int(body.get("ExpiresInMinutes", 120)) if enabled else None
                self._answer(task)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def uri(self, index):
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/bench-{index:05d}"

    def wait_for_put(self, count, timeout):
        """Waits until `count` PUTs have arrived; returns the arrival time of the last, or None."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while len(self.put_arrivals) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self.condition.wait(remaining)
            return self.put_arrivals[count - 1][0]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
