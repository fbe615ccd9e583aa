from datetime import datetime, timedelta
from unittest.mock import patch

import pytz

from odoo import fields
from odoo.tests import tagged

from odoo.addons.sms.tools.sms_api import SmsApi

from .common import CLIENT_NUMBER, InsuranceSmsCommon


@tagged("post_install", "-at_install")
class TestQueueRules(InsuranceSmsCommon):
    def test_numbers_normalised_to_e164(self):
        for number in ("8 (916) 123-45-67", "+7 916 123 45 67", "9161234567"):
            with self.subTest(number=number):
                self.gateway.reset()
                sms = self.queue_sms(number=number)
                self.run_queue()
                self.assertEqual(sms.state, "pending")
                self.assertEqual(self.gateway.sent[-1]["number"], "79161234567")

    def test_bad_number_ends_in_error_with_reason(self):
        bad = self.queue_sms(number="12-34")
        empty = self.queue_sms(number="")
        good = self.queue_sms()
        self.run_queue()
        self.assertEqual((bad.state, bad.failure_type), ("error", "sms_number_format"))
        self.assertIn("12-34", bad.failure_reason)
        self.assertEqual((empty.state, empty.failure_type), ("error", "sms_number_format"))
        self.assertEqual(good.state, "pending", "the queue went on")
        self.assertEqual(len(self.gateway.sent), 1)

    def test_bad_number_reason_in_russian(self):
        self.load_russian()
        sms = self.queue_sms(number="12-34").with_context(lang="ru_RU")
        sms._process_queue()
        self.assertEqual(sms.failure_reason, "Неверный номер телефона «12-34».")

    def test_unknown_outcome_reason_in_russian(self):
        self.load_russian()
        self.gateway.scenarios["79000000007"] = "timeout"
        sms = self.queue_sms(number="+79000000007").with_context(lang="ru_RU")
        sms._process_queue()
        self.assertTrue(
            sms.failure_reason.startswith("Шлюз мог получить это СМС, но не дал внятного ответа")
        )
        self.assertIn("Повторно автоматически не отправляется", sms.failure_reason)

    def test_blacklist_honoured_for_single_sends(self):
        """A manager's single SMS from the client's card: blacklisted → canceled."""
        self.env["phone.blacklist"].sudo().add(CLIENT_NUMBER)
        self.client._message_sms("Одно сообщение", partner_ids=self.client.ids)
        sms = self.new_sms()
        self.assertEqual(len(sms), 1)
        self.run_queue()
        self.assertEqual((sms.state, sms.failure_type), ("canceled", "sms_blacklist"))
        self.assertFalse(self.gateway.sent)
        notification = self.env["mail.notification"].search([("sms_id_int", "=", sms.id)])
        self.assertEqual(notification.notification_status, "canceled")

    def test_user_send_waits_for_the_queue(self):
        """Sending from a user's request only queues and wakes the queue up: the
        gateway is called in the queue's own transaction."""
        cron = self.env.ref("sms.ir_cron_sms_scheduler_action")
        triggers_before = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.client._message_sms("Сообщение", partner_ids=self.client.ids)
        sms = self.new_sms()
        self.assertEqual(sms.state, "outgoing")
        self.assertFalse(self.gateway.sent)
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers_before,
        )
        self.run_queue()
        self.assertEqual(sms.state, "pending")
        message = sms.mail_message_id
        self.assertEqual(message.model, "res.partner", "logged in the client's chatter")
        self.assertEqual(message.notification_ids.notification_status, "pending")

    def test_processing_sms_never_sent_again(self):
        """An SMS already handed to the gateway (state process, committed before
        the call) is not taken by the queue again, even if the run died."""
        sms = self.queue_sms()
        sms.write({"state": "process", "provider": "smsru"})
        self.run_queue()
        self.assertFalse(self.gateway.sent)
        self.assertEqual(sms.state, "process")

    def test_claim_only_outgoing(self):
        first, second = self.queue_sms(), self.queue_sms(number="+79000000001")
        second.state = "process"  # taken by another run meanwhile
        claimed = self.env["sms.sms"]._claim_for_sending((first | second).ids, "smsru")
        self.assertEqual(claimed, first)
        self.assertEqual(first.state, "process")

    def test_interrupted_processing_ends_in_error(self):
        sms = self.queue_sms()
        sms.write(
            {
                "state": "process",
                "provider": "smsru",
                "date_process": fields.Datetime.now() - timedelta(hours=1),
            }
        )
        recent = self.queue_sms(number="+79000000001")
        recent.write(
            {"state": "process", "provider": "smsru", "date_process": fields.Datetime.now()}
        )
        self.env["sms.sms"]._cron_sms_delivery_status()
        self.assertEqual((sms.state, sms.failure_type), ("error", "unknown"))
        self.assertIn("not sent again automatically", sms.failure_reason)
        self.assertEqual(recent.state, "process")
        self.assertFalse(self.gateway.sent)

    def test_quiet_hours_wait_until_morning(self):
        self.client.tz = self.night_zone
        sms = self.queue_sms()
        self.assertTrue(sms.date_not_before)
        local = pytz.utc.localize(sms.date_not_before).astimezone(pytz.timezone(self.night_zone))
        self.assertEqual((local.hour, local.minute), (9, 0))
        self.assertGreater(sms.date_not_before, fields.Datetime.now())
        self.assertLess(sms.date_not_before, fields.Datetime.now() + timedelta(hours=7))
        self.run_queue()
        self.assertEqual(sms.state, "outgoing", "kept in the queue at night")
        self.assertFalse(self.gateway.sent)
        cron = self.env.ref("sms.ir_cron_sms_scheduler_action")
        self.assertTrue(
            self.env["ir.cron.trigger"].search(
                [("cron_id", "=", cron.id), ("call_at", "=", sms.date_not_before)]
            ),
            "the queue wakes up in the morning",
        )
        # morning comes
        sms.date_not_before = fields.Datetime.now() - timedelta(minutes=1)
        self.run_queue()
        self.assertEqual(sms.state, "pending")

    def test_quiet_hours_company_zone_when_client_has_none(self):
        self.client.tz = False
        self.company.partner_id.tz = self.night_zone
        sms = (
            self.env["sms.sms"]
            .with_company(self.company)
            .create({"number": CLIENT_NUMBER, "body": "x", "partner_id": self.client.id})
        )
        self.assertTrue(sms.date_not_before)
        self.company.partner_id.tz = self.day_zone
        sms_day = (
            self.env["sms.sms"]
            .with_company(self.company)
            .create({"number": CLIENT_NUMBER, "body": "x", "partner_id": self.client.id})
        )
        self.assertFalse(sms_day.date_not_before)

    def test_next_allowed_time(self):
        sms = self.queue_sms()
        self.client.tz = "Europe/Moscow"
        moscow = pytz.timezone("Europe/Moscow")

        def utc(local_str):
            local = moscow.localize(datetime.strptime(local_str, "%Y-%m-%d %H:%M"))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        self.assertIsNone(sms._next_allowed_send_time(utc("2026-03-10 09:00")))
        self.assertIsNone(sms._next_allowed_send_time(utc("2026-03-10 20:59")))
        self.assertEqual(
            sms._next_allowed_send_time(utc("2026-03-10 21:00")), utc("2026-03-11 09:00")
        )
        self.assertEqual(
            sms._next_allowed_send_time(utc("2026-03-10 03:30")), utc("2026-03-10 09:00")
        )

    def test_transliteration(self):
        self.configure("smsru", transliterate="True")
        self.queue_sms(body="Щука «Полис» №5")
        self.run_queue()
        self.assertEqual(self.gateway.sent[-1]["text"], 'Shchuka "Polis" N5')

    def test_odoo_iap_stays_available(self):
        self.configure("iap")

        def fake_batch(api, messages, delivery_reports_url=False):
            return [
                {"uuid": number["uuid"], "state": "success"}
                for message in messages
                for number in message["numbers"]
            ]

        sms = self.queue_sms()
        with patch.object(SmsApi, "_send_sms_batch", fake_batch):
            self.client._message_sms("Через IAP", partner_ids=self.client.ids)
            iap_sms = self.new_sms() - sms
            self.assertEqual(iap_sms.state, "pending", "sent at once, as Odoo does")
            self.run_queue()
        self.assertEqual(sms.state, "pending")
        self.assertFalse(self.gateway.sent)
        self.assertFalse(sms.provider)
