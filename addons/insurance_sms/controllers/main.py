import hmac
import json
import logging

from odoo.http import Controller, request, route

from ..tools.sms_gateways import GATEWAYS

_logger = logging.getLogger(__name__)


class InsuranceSmsController(Controller):
    """Delivery reports pushed by the gateways.  The URL carries a secret
    (Settings > SMS > Delivery Report URL): without it nothing is read."""

    @route(
        "/insurance_sms/status/<string:provider>/<string:secret>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        save_session=False,
    )
    def delivery_report(self, provider, secret, **params):
        expected = request.env["sms.sms"].sudo()._sms_callback_secret()
        if provider not in GATEWAYS or not hmac.compare_digest(secret, expected):
            return request.make_response("forbidden", status=403)
        reports = getattr(self, f"_reports_{provider}")(params)
        gateway_cls = GATEWAYS[provider]
        SmsSudo = request.env["sms.sms"].sudo()
        for provider_id, code in reports:
            sms = SmsSudo.search(
                [("provider", "=", provider), ("provider_message_id", "=", str(provider_id))],
                limit=1,
            )
            if not sms or code not in gateway_cls.DELIVERY:
                continue
            state, failure_type = gateway_cls.DELIVERY[code]
            sms._apply_delivery_status(state, failure_type, f"{gateway_cls.label} {code}")
        # SMS.ru wants "100" back, SMSC.ru and SMS Aero any 200 answer
        return request.make_response("100" if provider == "smsru" else "OK")

    @staticmethod
    def _reports_smsru(params):
        """``data[]`` entries: "sms_status\\n<sms_id>\\n<code>\\n<unix time>"."""
        entries = request.httprequest.form.getlist("data[]") or [
            v for k, v in params.items() if k.startswith("data")
        ]
        reports = []
        for entry in entries:
            lines = entry.splitlines()
            if len(lines) >= 3 and lines[0] == "sms_status":
                try:
                    reports.append((lines[1], int(lines[2])))
                except ValueError:
                    continue
        return reports

    @staticmethod
    def _reports_smsc(params):
        try:
            return [(params["id"], int(params["status"]))]
        except (KeyError, ValueError):
            return []

    @staticmethod
    def _reports_smsaero(params):
        if not params and request.httprequest.data:
            try:
                params = json.loads(request.httprequest.data)
            except ValueError:
                return []
        try:
            return [(params["id"], int(params["status"]))]
        except (KeyError, ValueError, TypeError):
            return []
