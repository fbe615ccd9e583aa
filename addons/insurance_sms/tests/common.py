from datetime import datetime, timezone

from odoo.addons.insurance_broker.tests.common import InsuranceBrokerCommon, load_russian

from .fake_gateway import API_KEY, LOGIN, FakeGateway

CLIENT_NUMBER = "+79161234567"


def zone_where_it_is(hour):
    """A fixed-offset time zone where the local time is now ``hour``:00 to
    ``hour``:59, so quiet-hour tests do not depend on when they run."""
    utc_hour = datetime.now(timezone.utc).hour
    offset = (hour - utc_hour) % 24
    if offset > 14:
        offset -= 24
    # POSIX style: Etc/GMT-3 is three hours AHEAD of UTC
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


class InsuranceSmsCommon(InsuranceBrokerCommon):
    """The broker's data plus a fake SMS gateway over real HTTP on 127.0.0.1,
    a client who consented to SMS and is awake (midday in their time zone)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English unless a test asks for Russian: the reasons are checked as text
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.gateway = FakeGateway(slow_seconds=1.0).start()
        cls.addClassCleanup(cls.gateway.stop)
        cls.icp = cls.env["ir.config_parameter"].sudo()
        cls.day_zone = zone_where_it_is(12)
        cls.night_zone = zone_where_it_is(3)
        cls.company.partner_id.tz = cls.day_zone
        cls.company.phone = "+74951112233"
        cls.user_manager.partner_id.mobile = "+79035556677"
        cls.client.write(
            {
                "mobile": CLIENT_NUMBER,
                "tz": cls.day_zone,
                "sms_consent": True,
                "sms_consent_source": "form",
            }
        )
        cls.configure("smsru")
        # The other data's rules must not send anything during our tests.
        cls.env["sms.sms"].search([("state", "=", "outgoing")]).write({"state": "canceled"})

    def setUp(self):
        super().setUp()
        self.gateway.reset()
        self.watermark = self.env["sms.sms"].search([], limit=1, order="id desc").id or 0

    @classmethod
    def configure(cls, provider, **params):
        values = {
            "provider": provider,
            f"{provider}_url": cls.gateway.url(provider) if provider != "iap" else "",
            "login": LOGIN if provider == "smsaero" else "",
            "api_key": API_KEY,
            "sender": "POLIS",
            "test_mode": "",
            "read_timeout": "0.3",
            "connect_timeout": "2",
            "retries": "2",
            "backoff": "0.01",
            "parallel": "2",
            "transliterate": "",
            "send_hour_from": "9.0",
            "send_hour_to": "21.0",
        }
        values.update(params)
        for key, value in values.items():
            cls.env["ir.config_parameter"].sudo().set_param(f"insurance_sms.{key}", value)

    def queue_sms(self, number=CLIENT_NUMBER, body="Тестовое сообщение", partner=None):
        return self.env["sms.sms"].create(
            {"number": number, "body": body, "partner_id": (partner or self.client).id}
        )

    def run_queue(self):
        self.env["sms.sms"]._process_queue()
        self.env.invalidate_all()

    def new_sms(self, domain=None):
        """SMS created since the test started, oldest first."""
        return self.env["sms.sms"].search(
            [("id", ">", self.watermark)] + (domain or []), order="id"
        )

    @classmethod
    def load_russian(cls):
        load_russian(cls.env, "sms", "insurance_sms")
