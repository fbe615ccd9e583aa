"""HTTP clients of the Russian SMS gateways: SMS.ru, SMSC.ru, SMS Aero (API v2).

Plain Python like Odoo's own ``sms/tools/sms_api.py``: no ORM here.  Each client
turns one SMS into one HTTP request and the provider's answer into a
:class:`SendResult` expressed in ``sms.sms`` words (state and failure type).

Never twice: a send request is retried only when it surely did not reach the
gateway (connection refused, connect timeout) or when the gateway answered
that it failed (HTTP 5xx, SMS.ru code 220).  When the request may have reached
the gateway and no usable answer came back (read timeout, dropped connection,
malformed answer), the outcome is *unknown*: the SMS is not sent again.
"""

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, NewConnectionError

_logger = logging.getLogger(__name__)

UNKNOWN_OUTCOME = "unknown_outcome"


@dataclass
class SendResult:
    """What became of one SMS at the gateway.

    ``state``: ``pending`` (accepted), ``error``, or ``unknown_outcome``.
    ``failure_type``: an ``sms.sms`` failure type when ``state`` is ``error``.
    """

    state: str
    failure_type: str = ""
    provider_id: str = ""
    reason: str = ""


@dataclass
class DeliveryStatus:
    """Delivery report: ``state`` is ``pending``, ``sent`` (delivered) or ``error``."""

    state: str
    failure_type: str = ""
    reason: str = ""


class _TimeoutAdapter(HTTPAdapter):
    """Applies the gateway's (connect, read) timeouts to every request of the
    session, so no call can hang the queue."""

    def __init__(self, timeout, **kwargs):
        self.timeout = timeout
        super().__init__(**kwargs)

    def send(self, request, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


class _Retry(Exception):
    """The gateway said it failed and asked (or allows) to try again."""


class _Unknown(Exception):
    """The request may have reached the gateway but we have no usable answer."""


class SmsGateway:
    code = None
    label = None
    default_url = None
    parallel_default = 4

    def __init__(
        self,
        url=None,
        login="",
        password="",
        sender="",
        test_mode=False,
        connect_timeout=5.0,
        read_timeout=20.0,
        retries=3,
        backoff=0.5,
        parallel=None,
    ):
        self.url = (url or self.default_url).rstrip("/")
        self.login = login or ""
        self.password = password or ""
        self.sender = sender or ""
        self.test_mode = bool(test_mode)
        self.timeout = (connect_timeout, read_timeout)
        self.retries = max(int(retries), 0)
        self.backoff = float(backoff)
        self.parallel = max(int(parallel or self.parallel_default), 1)
        self._local = threading.local()

    # ------------------------------------------------------------------
    # HTTP
    # ------------------------------------------------------------------
    @property
    def session(self):
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.headers["User-Agent"] = "Odoo insurance_sms"
            adapter = _TimeoutAdapter(self.timeout)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
        return session

    def _url(self, path):
        return f"{self.url}/{path.lstrip('/')}"

    @staticmethod
    def _never_left(exc):
        """True when the request surely never reached the gateway."""
        if isinstance(exc, requests.ConnectTimeout):
            return True
        if isinstance(exc, requests.ConnectionError) and exc.args:
            inner = exc.args[0]
            return isinstance(inner, MaxRetryError) and isinstance(inner.reason, NewConnectionError)
        return False

    def _call(self, method, path, parse, idempotent=False, **kwargs):
        """Send the request, retrying what is safe to retry, and return
        ``parse(response)``.  Raises :class:`_Unknown` when the request may have
        been processed without us knowing, :class:`_Retry` when every attempt
        failed at the gateway."""
        last = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * (2 ** (attempt - 1)))
            try:
                response = self.session.request(method, self._url(path), **kwargs)
            except requests.RequestException as exc:
                if idempotent or self._never_left(exc):
                    last = _Retry(f"{type(exc).__name__}: {exc}")
                    continue
                raise _Unknown(f"{type(exc).__name__}: {exc}") from exc
            if response.status_code >= 500:
                last = _Retry(f"HTTP {response.status_code}")
                continue
            try:
                return parse(response)
            except _Retry as exc:
                last = exc
                continue
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                if idempotent:
                    raise _Retry(f"malformed answer: {response.text[:200]!r}") from exc
                raise _Unknown(f"malformed answer: {response.text[:200]!r}") from exc
        raise last

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    def send(self, number, text, own_id):
        """Send one SMS to ``number`` (E.164).  Never raises."""
        try:
            return self._send(number.lstrip("+"), text, own_id)
        except _Retry as exc:
            return SendResult("error", "sms_server", reason=str(exc))
        except _Unknown as exc:
            return SendResult(UNKNOWN_OUTCOME, "unknown", reason=str(exc))
        except Exception as exc:  # a bug must not take the queue down
            _logger.exception("%s: unexpected failure", self.label)
            return SendResult(UNKNOWN_OUTCOME, "unknown", reason=str(exc))

    def send_many(self, items):
        """``items``: list of (number, text, own_id).  Results in the same order;
        up to ``parallel`` requests at a time."""
        if self.parallel == 1 or len(items) < 2:
            return [self.send(*item) for item in items]
        with ThreadPoolExecutor(max_workers=min(self.parallel, len(items))) as pool:
            return list(pool.map(lambda item: self.send(*item), items))

    def status(self, provider_id, number):
        """Delivery status of one SMS, or None when it cannot be known now."""
        try:
            return self._status(provider_id, (number or "").lstrip("+"))
        except (_Retry, _Unknown) as exc:
            _logger.info("%s: status of %s unavailable: %s", self.label, provider_id, exc)
            return None

    def _send(self, number, text, own_id):
        raise NotImplementedError

    def _status(self, provider_id, number):
        raise NotImplementedError


# ----------------------------------------------------------------------
# SMS.ru
# ----------------------------------------------------------------------
class SmsRuGateway(SmsGateway):
    code = "smsru"
    label = "SMS.ru"
    default_url = "https://sms.ru"

    SEND_ERRORS = {
        200: "sms_acc",
        300: "sms_acc",
        301: "sms_acc",
        302: "sms_acc",
        201: "sms_credit",
        202: "sms_number_format",
        204: "sms_registration_needed",
        206: "sms_not_allowed",
        207: "sms_not_allowed",
        209: "sms_not_allowed",
        215: "sms_not_allowed",
        216: "sms_rejected",
        230: "sms_not_allowed",
        231: "sms_not_allowed",
        232: "sms_not_allowed",
        233: "sms_not_allowed",
        500: "sms_server",
    }
    RETRY_CODES = {220, 500}
    # 103 = delivered, as in SMS.ru's own PHP example and the official PDF.
    DELIVERY = {
        100: ("pending", ""),
        101: ("pending", ""),
        102: ("pending", ""),
        103: ("sent", ""),
        110: ("sent", ""),
        104: ("error", "sms_expired"),
        105: ("error", "sms_rejected"),
        106: ("error", "sms_not_delivered"),
        107: ("error", "sms_not_delivered"),
        108: ("error", "sms_rejected"),
        150: ("error", "sms_not_allowed"),
    }

    def _auth(self):
        if self.login:
            return {"login": self.login, "password": self.password}
        return {"api_id": self.password}

    def _error(self, payload):
        code = int(payload.get("status_code") or 0)
        if code in self.RETRY_CODES:
            raise _Retry(f"SMS.ru {code}: {payload.get('status_text', '')}")
        return SendResult(
            "error",
            self.SEND_ERRORS.get(code, "unknown"),
            reason=f"SMS.ru {code}: {payload.get('status_text', '')}".strip(),
        )

    def _send(self, number, text, own_id):
        data = {**self._auth(), "to": number, "msg": text, "json": 1}
        if self.sender:
            data["from"] = self.sender
        if self.test_mode:
            data["test"] = 1

        def parse(response):
            payload = response.json()
            if payload["status"] != "OK":
                return self._error(payload)
            line = payload["sms"][number]
            if line["status"] != "OK":
                return self._error(line)
            return SendResult("pending", provider_id=str(line["sms_id"]))

        return self._call("POST", "sms/send", parse, data=data)

    def _status(self, provider_id, number):
        data = {**self._auth(), "sms_id": provider_id, "json": 1}

        def parse(response):
            payload = response.json()
            if payload["status"] != "OK":
                return None
            line = payload["sms"][provider_id]
            code = int(line.get("status_code") or 0)
            if code not in self.DELIVERY:
                return None
            state, failure = self.DELIVERY[code]
            return DeliveryStatus(state, failure, f"SMS.ru {code}: {line.get('status_text', '')}")

        return self._call("POST", "sms/status", parse, idempotent=True, data=data)


# ----------------------------------------------------------------------
# SMSC.ru
# ----------------------------------------------------------------------
class SmscGateway(SmsGateway):
    code = "smsc"
    label = "SMSC.ru"
    default_url = "https://smsc.ru/sys"

    SEND_ERRORS = {
        1: "unknown",
        2: "sms_acc",
        3: "sms_credit",
        4: "sms_server",
        5: "unknown",
        6: "sms_rejected",
        7: "sms_number_format",
        8: "sms_not_allowed",
        # 9 = "repeated request": the first one may have been accepted; never retried
        9: "sms_server",
    }
    DELIVERY = {
        -2: ("error", "sms_rejected"),
        -1: ("pending", ""),
        0: ("pending", ""),
        1: ("sent", ""),
        2: ("sent", ""),
        4: ("sent", ""),
        3: ("error", "sms_expired"),
        20: ("error", "sms_not_delivered"),
        22: ("error", "sms_invalid_destination"),
        23: ("error", "sms_rejected"),
        24: ("error", "sms_not_delivered"),
        25: ("error", "sms_invalid_destination"),
    }

    def _auth(self):
        if self.login:
            return {"login": self.login, "psw": self.password}
        return {"apikey": self.password}

    def _send(self, number, text, own_id):
        data = {
            **self._auth(),
            "phones": number,
            "mes": text,
            "charset": "utf-8",
            "fmt": 3,
            # our own message id: a status can be asked for it even when the
            # answer to the send request was lost
            "id": own_id,
        }
        if self.sender:
            data["sender"] = self.sender
        if self.test_mode:
            data["cost"] = 1  # the documented dry run: cost computed, nothing sent

        def parse(response):
            payload = response.json()
            if "error_code" in payload:
                code = int(payload["error_code"])
                return SendResult(
                    "error",
                    self.SEND_ERRORS.get(code, "unknown"),
                    reason=f"SMSC {code}: {payload.get('error', '')}",
                )
            if self.test_mode:
                return SendResult("pending")
            int(payload["cnt"])  # a success always counts its parts
            return SendResult("pending", provider_id=str(payload["id"]))

        return self._call("POST", "send.php", parse, data=data)

    def _status(self, provider_id, number):
        data = {**self._auth(), "phone": number, "id": provider_id, "fmt": 3, "charset": "utf-8"}

        def parse(response):
            payload = response.json()
            if "error_code" in payload:
                return None
            code = int(payload["status"])
            if code not in self.DELIVERY:
                return None
            state, failure = self.DELIVERY[code]
            return DeliveryStatus(state, failure, f"SMSC {code}")

        return self._call("POST", "status.php", parse, idempotent=True, data=data)


# ----------------------------------------------------------------------
# SMS Aero v2
# ----------------------------------------------------------------------
class SmsAeroGateway(SmsGateway):
    code = "smsaero"
    label = "SMS Aero"
    default_url = "https://gate.smsaero.ru/v2"

    DELIVERY = {
        0: ("pending", ""),
        3: ("pending", ""),
        4: ("pending", ""),
        8: ("pending", ""),
        1: ("sent", ""),
        2: ("error", "sms_not_delivered"),
        6: ("error", "sms_rejected"),
    }

    def _auth(self):
        return (self.login, self.password)

    @staticmethod
    def _failure(payload, http_status):
        message = str(payload.get("message") or payload.get("result") or "")
        data = payload.get("data")
        lowered = message.lower()
        if isinstance(data, dict) and "number" in data:
            failure = "sms_number_format"
        elif http_status == 401 or "credential" in lowered:
            failure = "sms_acc"
        elif "credit" in lowered or "balance" in lowered or "money" in lowered:
            failure = "sms_credit"
        elif isinstance(data, dict) and "sign" in data:
            failure = "sms_registration_needed"
        elif payload.get("result") == "reject":
            failure = "sms_rejected"
        else:
            failure = "unknown"
        reason = message
        if isinstance(data, dict) and data:
            reason = f"{message} {data}".strip()
        return SendResult("error", failure, reason=f"SMS Aero: {reason}")

    def _send(self, number, text, own_id):
        body = {"number": number, "text": text}
        if self.sender:
            body["sign"] = self.sender
        path = "sms/testsend" if self.test_mode else "sms/send"

        def parse(response):
            payload = response.json()
            if payload.get("success") is not True:
                return self._failure(payload, response.status_code)
            data = payload["data"]
            if isinstance(data, list):
                data = data[0]
            code = int(data.get("status") or 0)
            state, failure = self.DELIVERY.get(code, ("pending", ""))
            if state == "error":
                return SendResult("error", failure, str(data["id"]), f"SMS Aero status {code}")
            return SendResult("pending", provider_id=str(data["id"]))

        return self._call("POST", path, parse, json=body, auth=self._auth())

    def _status(self, provider_id, number):
        path = "sms/teststatus" if self.test_mode else "sms/status"

        def parse(response):
            payload = response.json()
            if payload.get("success") is not True:
                return None
            code = int(payload["data"]["status"])
            if code not in self.DELIVERY:
                return None
            state, failure = self.DELIVERY[code]
            return DeliveryStatus(state, failure, f"SMS Aero status {code}")

        return self._call(
            "POST", path, parse, idempotent=True, json={"id": int(provider_id)}, auth=self._auth()
        )


GATEWAYS = {cls.code: cls for cls in (SmsRuGateway, SmscGateway, SmsAeroGateway)}
