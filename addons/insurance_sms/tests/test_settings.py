from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import InsuranceSmsCommon


@tagged("post_install", "-at_install")
class TestSmsSettings(InsuranceSmsCommon):
    def test_credentials_only_for_administrators(self):
        Settings = self.env["res.config.settings"]
        for name in ("sms_api_key", "sms_login", "sms_smsru_url", "sms_callback_url"):
            self.assertEqual(Settings._fields[name].groups, "base.group_system", name)
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.user_head).search(
                [("key", "=", "insurance_sms.api_key")]
            ).read(["value"])

    def test_settings_round_trip(self):
        settings = self.env["res.config.settings"].create(
            {
                "sms_provider": "smsc",
                "sms_api_key": "k-1",
                "sms_expiry_days": "60, 30,7",
                "sms_send_hour_from": 10.0,
                "sms_send_hour_to": 20.5,
            }
        )
        settings.execute()
        self.assertEqual(self.icp.get_param("insurance_sms.provider"), "smsc")
        self.assertEqual(self.env["sms.sms"]._sms_gateway().password, "k-1")
        self.assertEqual(self.env["insurance.policy"]._sms_expiry_days(), [60, 30, 7])
        self.assertEqual(self.env["sms.sms"]._quiet_hours(), (10.0, 20.5))

    def test_bad_reminder_days_refused_in_russian(self):
        self.load_russian()
        Settings = self.env["res.config.settings"].with_context(lang="ru_RU")
        with self.assertRaises(ValidationError) as caught:
            Settings.create({"sms_expiry_days": "30, неделя"})
        self.assertEqual(
            str(caught.exception),
            "Дни напоминаний — целые числа от 1 до 366 через запятую, например «30,7»; "
            "«неделя» не подходит.",
        )

    def test_bad_hours_refused_in_russian(self):
        self.load_russian()
        Settings = self.env["res.config.settings"].with_context(lang="ru_RU")
        with self.assertRaises(ValidationError) as caught:
            Settings.create({"sms_send_hour_from": 21.0, "sms_send_hour_to": 9.0})
        self.assertIn("Часы отправки СМС", str(caught.exception))

    def test_default_url_is_the_real_one(self):
        self.configure("smsaero", smsaero_url="")
        self.assertEqual(self.env["sms.sms"]._sms_gateway().url, "https://gate.smsaero.ru/v2")
