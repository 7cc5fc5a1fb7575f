"""A small learning record store on 127.0.0.1 for tier-one tests: it keeps the
statements it is sent (dropping an id it already holds, as an LRS does) and
answers with the status a test asks for. CI's second tier uses a real Ralph."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class RecordStore:
    def __init__(self):
        self.statements = {}  # id -> statement, in arrival order
        self.posts = []  # the ids of each POST, as sent
        self.next_statuses = []  # statuses to answer with before accepting again
        self.refuse_ids = set()  # ids answered with 400
        self.auth = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.server.server_port}/xAPI/"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, body, headers):
        self.auth.append(headers.get("Authorization"))
        ids = [statement["id"] for statement in body]
        self.posts.append(ids)
        if self.next_statuses:
            return self.next_statuses.pop(0), {"detail": "not now"}
        if refused := self.refuse_ids.intersection(ids):
            return 400, {"detail": f"invalid statement {sorted(refused)[0]}"}
        for statement in body:
            self.statements.setdefault(statement["id"], statement)
        return 200, ids

    def _handler(store):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length))
                status, reply = store._answer(body, self.headers)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler
