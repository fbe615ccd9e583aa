from odoo.tests import tagged

from .common import CLIENT_NUMBER, InsuranceSmsCommon

PROVIDERS = ("smsru", "smsc", "smsaero")


@tagged("post_install", "-at_install")
class TestGatewayProtocols(InsuranceSmsCommon):
    """Each provider's answers, over real HTTP, end in the right SMS state."""

    def _send_with(self, provider, scenario, number="+79000000001"):
        self.configure(provider)
        if scenario != "accepted":
            self.gateway.scenarios[number.lstrip("+")] = scenario
        sms = self.queue_sms(number=number)
        self.run_queue()
        return sms

    def test_accepted(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                self.gateway.reset()
                sms = self._send_with(provider, "accepted")
                self.assertEqual(sms.state, "pending")
                self.assertEqual(sms.provider, provider)
                sent = self.gateway.sent_to("+79000000001")
                self.assertEqual(len(sent), 1)
                self.assertEqual(sms.provider_message_id, sent[0]["id"])
                self.assertEqual(sent[0]["text"], "Тестовое сообщение")
                # kept until its delivery report
                self.assertFalse(sms.to_delete)

    def test_protocol_details(self):
        self._send_with("smsru", "accepted")
        params = self.gateway.sent[-1]["params"]
        self.assertEqual(
            (params["from"], params["json"], params["to"]), ("POLIS", "1", "79000000001")
        )
        self.assertNotIn("test", params)
        self._send_with("smsc", "accepted", number="+79000000011")
        params = self.gateway.sent[-1]["params"]
        self.assertEqual(params["charset"], "utf-8", "SMSC defaults to windows-1251")
        self.assertEqual(params["fmt"], "3")
        sms = self.new_sms([("number", "=", "+79000000011")])
        self.assertEqual(params["id"], str(sms.id), "our own id goes with the SMS")
        self._send_with("smsaero", "accepted", number="+79000000012")
        self.assertEqual(self.gateway.sent[-1]["params"]["sign"], "POLIS")

    def test_test_mode(self):
        for provider, check in (
            ("smsru", lambda: self.gateway.sent[-1]["params"]["test"] == "1"),
            ("smsaero", lambda: ("smsaero", "sms/testsend") in self.gateway.requests),
            ("smsc", lambda: not self.gateway.sent),  # cost=1: priced, not sent
        ):
            with self.subTest(provider=provider):
                self.gateway.reset()
                self.configure(provider, test_mode="True")
                sms = self.queue_sms()
                self.run_queue()
                self.assertEqual(sms.state, "pending")
                self.assertTrue(check())

    def test_wrong_number(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                sms = self._send_with(provider, "wrong_number")
                self.assertEqual((sms.state, sms.failure_type), ("error", "sms_number_format"))
                self.assertTrue(sms.failure_reason)

    def test_no_credit(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                sms = self._send_with(provider, "no_credit")
                self.assertEqual((sms.state, sms.failure_type), ("error", "sms_credit"))

    def test_bad_credentials(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                self.configure(provider, api_key="wrong-key")
                sms = self.queue_sms()
                self.run_queue()
                self.assertEqual((sms.state, sms.failure_type), ("error", "sms_acc"))
                self.assertFalse(self.gateway.sent)

    def test_http_500_retried_then_error(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                self.gateway.reset()
                sms = self._send_with(provider, "http_500")
                self.assertEqual((sms.state, sms.failure_type), ("error", "sms_server"))
                attempts = [r for r in self.gateway.requests if "send" in r[1]]
                self.assertEqual(len(attempts), 3, "one call and two retries")
                self.assertFalse(self.gateway.sent)

    def test_http_500_once_then_accepted(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                self.gateway.reset()
                sms = self._send_with(provider, "http_500_once")
                self.assertEqual(sms.state, "pending")
                self.assertEqual(len(self.gateway.sent_to("+79000000001")), 1)

    def test_timeout_is_never_resent(self):
        """The gateway took the SMS but answered too late: outcome unknown,
        the SMS ends in error with the reason and is never sent again."""
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                self.gateway.reset()
                sms = self._send_with(provider, "timeout")
                self.assertEqual((sms.state, sms.failure_type), ("error", "unknown"))
                self.assertIn("not sent again automatically", sms.failure_reason)
                self.run_queue()
                self.run_queue()
                self.assertEqual(len(self.gateway.sent_to("+79000000001")), 1)
                attempts = [r for r in self.gateway.requests if "send" in r[1]]
                self.assertEqual(len(attempts), 1, "a timeout is not retried")

    def test_malformed_answer_is_never_resent(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                self.gateway.reset()
                sms = self._send_with(provider, "malformed")
                self.assertEqual((sms.state, sms.failure_type), ("error", "unknown"))
                self.assertIn("malformed answer", sms.failure_reason)
                self.run_queue()
                self.assertEqual(len(self.gateway.sent_to("+79000000001")), 1)

    def test_gateway_down(self):
        """Nothing listens: retried, then a server error, nothing lost."""
        self.configure("smsru", smsru_url="http://127.0.0.1:9")
        sms = self.queue_sms()
        self.run_queue()
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_server"))

    def test_one_failure_does_not_stop_the_others(self):
        self.configure("smsru")
        self.gateway.scenarios["79000000002"] = "wrong_number"
        self.gateway.scenarios["79000000007"] = "timeout"
        good = self.queue_sms(number=CLIENT_NUMBER)
        bad = self.queue_sms(number="+79000000002")
        late = self.queue_sms(number="+79000000007")
        other = self.queue_sms(number="+79000000003")
        self.run_queue()
        self.assertEqual(
            [good.state, bad.state, late.state, other.state],
            ["pending", "error", "error", "pending"],
        )
