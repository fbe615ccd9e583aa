from odoo.tests import HttpCase, tagged

from .common import InsuranceSmsCommon

DELIVERED = {"smsru": 103, "smsc": 1, "smsaero": 1}
NOT_DELIVERED = {"smsru": 104, "smsc": 20, "smsaero": 2}
EXPECTED_FAILURE = {
    "smsru": "sms_expired",
    "smsc": "sms_not_delivered",
    "smsaero": "sms_not_delivered",
}


@tagged("post_install", "-at_install")
class TestDeliveryPolling(InsuranceSmsCommon):
    def _sent_sms(self, provider):
        self.configure(provider)
        self.client._message_sms("Проверка доставки", partner_ids=self.client.ids)
        sms = self.new_sms()[-1]
        self.run_queue()
        self.assertEqual(sms.state, "pending")
        return sms

    def test_delivered(self):
        for provider in ("smsru", "smsc", "smsaero"):
            with self.subTest(provider=provider):
                sms = self._sent_sms(provider)
                self.env["sms.sms"]._cron_sms_delivery_status()
                self.assertEqual(sms.state, "pending", "still on its way")
                self.gateway.delivery[sms.provider_message_id] = DELIVERED[provider]
                self.env["sms.sms"]._cron_sms_delivery_status()
                self.assertEqual(sms.state, "sent")
                self.assertTrue(sms.to_delete)
                notification = self.env["mail.notification"].search([("sms_id_int", "=", sms.id)])
                self.assertEqual(notification.notification_status, "sent")

    def test_not_delivered(self):
        for provider in ("smsru", "smsc", "smsaero"):
            with self.subTest(provider=provider):
                sms = self._sent_sms(provider)
                self.gateway.delivery[sms.provider_message_id] = NOT_DELIVERED[provider]
                self.env["sms.sms"]._cron_sms_delivery_status()
                self.assertEqual(
                    (sms.state, sms.failure_type), ("error", EXPECTED_FAILURE[provider])
                )
                notification = self.env["mail.notification"].search([("sms_id_int", "=", sms.id)])
                self.assertIn(notification.notification_status, ("exception", "bounce"))


@tagged("post_install", "-at_install")
class TestDeliveryCallback(HttpCase):
    def setUp(self):
        super().setUp()
        self.secret = self.env["sms.sms"]._sms_callback_secret()
        self.sms = self.env["sms.sms"].create(
            {
                "number": "+79161234567",
                "body": "x",
                "state": "pending",
                "provider": "smsru",
                "provider_message_id": "000000-42",
            }
        )
        self.smsc = self.env["sms.sms"].create(
            {
                "number": "+79161234567",
                "body": "x",
                "state": "pending",
                "provider": "smsc",
                "provider_message_id": "77",
            }
        )

    def test_wrong_secret_refused(self):
        response = self.url_open(
            "/insurance_sms/status/smsru/not-the-secret",
            data={"data[]": "sms_status\n000000-42\n103\n1700000000"},
        )
        self.assertEqual(response.status_code, 403)
        self.sms.invalidate_recordset()
        self.assertEqual(self.sms.state, "pending")

    def test_smsru_report(self):
        response = self.url_open(
            f"/insurance_sms/status/smsru/{self.secret}",
            data={"data[]": ["sms_status\n000000-42\n103\n1700000000", "test\n1"]},
        )
        self.assertEqual((response.status_code, response.text), (200, "100"))
        self.sms.invalidate_recordset()
        self.assertEqual(self.sms.state, "sent")

    def test_smsc_report(self):
        response = self.url_open(
            f"/insurance_sms/status/smsc/{self.secret}",
            data={"id": "77", "phone": "79161234567", "status": "20", "err": "0"},
        )
        self.assertEqual(response.status_code, 200)
        self.smsc.invalidate_recordset()
        self.assertEqual((self.smsc.state, self.smsc.failure_type), ("error", "sms_not_delivered"))
