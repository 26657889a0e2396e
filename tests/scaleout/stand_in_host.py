"""A stand-in for an application host's Rasa, for testing the balancer alone: ready at
/webhooks/health/ready, and POST /webhooks/rest/webhook answers with the message's id and
appends that id to a file, so a test can count how often each message was handled.

    python -m tests.scaleout.stand_in_host ADDRESS PORT HANDLED_FILE
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def main() -> None:
    address, port, handled = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_: object) -> None:
            return

        def _reply(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            ok = self.path.rstrip("/") in ("/webhooks/health", "/webhooks/health/ready")
            self._reply(200 if ok else 404, {"ready": ok})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            message = json.loads(self.rfile.read(length) or b"{}")
            with handled.open("a") as log:
                log.write(f"{message.get('message')}\n")
            self._reply(200, [{"text": message.get("message")}])

    ThreadingHTTPServer((address, port), Handler).serve_forever()


if __name__ == "__main__":
    main()
