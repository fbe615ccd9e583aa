"""A fake SMS gateway over real HTTP on 127.0.0.1, for the tests and the benchmark.

It speaks the three providers' documented protocols (see
shared/reference/sms_gateways.md): SMS.ru under ``/smsru``, SMSC.ru under
``/smsc/sys`` and SMS Aero v2 under ``/smsaero/v2``.  What happens to an SMS
depends on the destination number (``scenarios``): accepted (default), wrong
number, no credit, HTTP 500 (always or once), timeout (the gateway accepts the
SMS but answers too late) and a malformed answer.
"""

import base64
import itertools
import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

_logger = logging.getLogger(__name__)

API_KEY = "test-api-key"
LOGIN = "broker@example.com"
PASSWORD = "test-password"

SCENARIOS = (
    "accepted",
    "wrong_number",
    "no_credit",
    "http_500",
    "http_500_once",
    "timeout",
    "malformed",
)


class FakeGateway:
    def __init__(self, slow_seconds=1.0):
        self.scenarios = {}  # digits of the number -> scenario
        self.delivery = {}  # provider id -> provider's delivery status code
        self.sent = []  # accepted SMS: dicts provider, id, number, text, params
        self.requests = []  # every request: (provider, path)
        self.slow_seconds = slow_seconds
        self._ids = itertools.count(1000)
        self._lock = threading.Lock()
        self._failed_once = set()
        self.server = None
        self.thread = None

    # ------------------------------------------------------------------
    def start(self):
        gateway = self

        class Handler(_Handler):
            fake = gateway

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, provider):
        return (
            self.base + {"smsru": "/smsru", "smsc": "/smsc/sys", "smsaero": "/smsaero/v2"}[provider]
        )

    def reset(self):
        with self._lock:
            self.scenarios.clear()
            self.delivery.clear()
            self.sent.clear()
            self.requests.clear()
            self._failed_once.clear()

    def sent_to(self, number):
        digits = number.lstrip("+")
        return [s for s in self.sent if s["number"] == digits]

    # ------------------------------------------------------------------
    def scenario(self, number):
        return self.scenarios.get(number.lstrip("+"), "accepted")

    def accept(self, provider, number, text, params, own_id=None):
        with self._lock:
            sms_id = str(own_id) if own_id else str(next(self._ids))
            if provider == "smsru":
                sms_id = f"000000-{sms_id}"
            self.sent.append(
                {
                    "provider": provider,
                    "id": sms_id,
                    "number": number,
                    "text": text,
                    "params": params,
                }
            )
            self.delivery.setdefault(sms_id, None)
        return sms_id

    def fail_first_time(self, key):
        with self._lock:
            if key in self._failed_once:
                return False
            self._failed_once.add(key)
            return True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real gateways
    disable_nagle_algorithm = True  # headers and body go out in two writes
    fake: FakeGateway = None

    def log_message(self, *args):  # keep the test output clean
        pass

    # ------------------------------------------------------------------
    def _read(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        query = parse_qs(urlparse(self.path).query)
        if self.headers.get("Content-Type", "").startswith("application/json"):
            body = json.loads(raw or b"{}")
        else:
            body = {k: v[-1] for k, v in parse_qs(raw.decode("utf-8")).items()}
        return {**{k: v[-1] for k, v in query.items()}, **body}

    def _reply(self, payload, status=200, raw=None):
        data = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError) as exc:
            # the client gave up waiting (timeout scenario)
            _logger.debug("fake gateway: client gone: %s", exc)

    def do_GET(self):
        self.do_POST()

    def do_POST(self):
        path = urlparse(self.path).path
        params = self._read()
        self._accepted_id = None
        for prefix, provider in (
            ("/smsru/", "smsru"),
            ("/smsc/sys/", "smsc"),
            ("/smsaero/v2/", "smsaero"),
        ):
            if path.startswith(prefix):
                self.fake.requests.append((provider, path[len(prefix) :]))
                getattr(self, f"_{provider}")(path[len(prefix) :], params)
                return
        self._reply({"error": "not found"}, status=404)

    def _accept(self, provider, number, text, params, own_id=None):
        return self._accepted_id or self.fake.accept(provider, number, text, params, own_id)

    def _common_scenario(self, provider, number, text, params, own_id=None):
        """Handles the transport-level scenarios; True when answered."""
        scenario = self.fake.scenario(number)
        if scenario == "http_500" or (
            scenario == "http_500_once" and self.fake.fail_first_time(number)
        ):
            self._reply(None, status=500, raw=b"<html>500 Internal Server Error</html>")
            return True
        if scenario == "timeout":
            # taken at once, answered too late
            self._accepted_id = self.fake.accept(provider, number, text, params, own_id)
            time.sleep(self.fake.slow_seconds)
            return False  # the answer, too late, still follows
        if scenario == "malformed":
            self.fake.accept(provider, number, text, params, own_id)
            self._reply(None, raw=b"OK\n<br>sent")
            return True
        return False

    # ------------------------------------------------------------------
    # SMS.ru
    # ------------------------------------------------------------------
    def _smsru(self, method, params):
        authorised = params.get("api_id") == API_KEY or (
            params.get("login") == LOGIN and params.get("password") == PASSWORD
        )
        if not authorised:
            self._reply(
                {"status": "ERROR", "status_code": 200, "status_text": "Неправильный api_id"}
            )
            return
        if method == "sms/send":
            number, text = params.get("to", ""), params.get("msg", "")
            if self._common_scenario("smsru", number, text, params):
                return
            scenario = self.fake.scenario(number)
            if scenario == "no_credit":
                self._reply(
                    {
                        "status": "ERROR",
                        "status_code": 201,
                        "status_text": "Не хватает средств на лицевом счету",
                    }
                )
                return
            if scenario == "wrong_number":
                line = {
                    "status": "ERROR",
                    "status_code": 202,
                    "status_text": "Неправильно указан номер телефона получателя",
                }
            else:
                sms_id = self._accept("smsru", number, text, params)
                line = {"status": "OK", "status_code": 100, "sms_id": sms_id}
            self._reply(
                {"status": "OK", "status_code": 100, "sms": {number: line}, "balance": 4122.56}
            )
        elif method == "sms/status":
            answer = {}
            for sms_id in params.get("sms_id", "").split(","):
                code = self.fake.delivery.get(sms_id, -1)
                answer[sms_id] = {
                    "status": "OK",
                    "status_code": 102 if code is None else code,
                    "status_text": "",
                    "cost": 2.5,
                }
            self._reply({"status": "OK", "status_code": 100, "sms": answer, "balance": 4120.0})
        else:
            self._reply({"status": "ERROR", "status_code": 210, "status_text": "Нет метода"})

    # ------------------------------------------------------------------
    # SMSC.ru
    # ------------------------------------------------------------------
    def _smsc(self, method, params):
        authorised = params.get("apikey") == API_KEY or (
            params.get("login") == LOGIN and params.get("psw") == PASSWORD
        )
        if not authorised:
            self._reply({"error": "authorise error", "error_code": 2})
            return
        if params.get("charset") != "utf-8":
            self._reply({"error": "parameters error", "error_code": 1})
            return
        if method == "send.php":
            number, text = params.get("phones", ""), params.get("mes", "")
            own_id = params.get("id")
            if params.get("cost") == "1":  # dry run
                self._reply({"cost": "2.50", "cnt": 1})
                return
            if self._common_scenario("smsc", number, text, params, own_id):
                return
            scenario = self.fake.scenario(number)
            if scenario == "no_credit":
                self._reply({"error": "no money", "error_code": 3, "id": own_id})
            elif scenario == "wrong_number":
                self._reply({"error": "invalid number", "error_code": 7, "id": own_id})
            else:
                sms_id = self._accept("smsc", number, text, params, own_id)
                self._reply({"id": int(sms_id), "cnt": 1})
        elif method == "status.php":
            sms_id = params.get("id", "")
            if sms_id not in self.fake.delivery or not params.get("phone"):
                self._reply({"error": "message not found", "error_code": 5})
                return
            code = self.fake.delivery[sms_id]
            self._reply(
                {
                    "status": -1 if code is None else code,
                    "last_date": "",
                    "last_timestamp": int(time.time()),
                    "flag": 0,
                    "err": 0,
                }
            )
        else:
            self._reply({"error": "parameters error", "error_code": 1})

    # ------------------------------------------------------------------
    # SMS Aero v2
    # ------------------------------------------------------------------
    def _smsaero(self, method, params):
        expected = "Basic " + base64.b64encode(f"{LOGIN}:{API_KEY}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            self._reply(
                {
                    "success": False,
                    "data": None,
                    "message": "Your request was made with invalid credentials.",
                },
                status=401,
            )
            return
        if method in ("sms/send", "sms/testsend"):
            number, text = str(params.get("number", "")), params.get("text", "")
            if self._common_scenario("smsaero", number, text, params):
                return
            scenario = self.fake.scenario(number)
            if scenario == "no_credit":
                self._reply({"result": "no credits"})
            elif scenario == "wrong_number":
                self._reply(
                    {
                        "success": False,
                        "data": {"number": ["incorrect"]},
                        "message": "Validation error.",
                    },
                    status=400,
                )
            else:
                sms_id = self._accept("smsaero", number, text, params)
                self._reply(
                    {
                        "success": True,
                        "message": None,
                        "data": {
                            "id": int(sms_id),
                            "from": params.get("sign", "SMS Aero"),
                            "number": number,
                            "text": text,
                            "status": 0,
                            "extendStatus": "queue",
                            "channel": "DIRECT",
                            "cost": 2.2,
                            "dateCreate": int(time.time()),
                            "dateSend": int(time.time()),
                        },
                    }
                )
        elif method in ("sms/status", "sms/teststatus"):
            sms_id = str(params.get("id", ""))
            if sms_id not in self.fake.delivery:
                self._reply({"success": False, "data": None, "message": "Not found"}, 404)
                return
            code = self.fake.delivery[sms_id]
            self._reply(
                {
                    "success": True,
                    "message": None,
                    "data": {"id": int(sms_id), "status": 0 if code is None else code},
                }
            )
        else:
            self._reply({"success": False, "data": None, "message": "Not found"}, status=404)
