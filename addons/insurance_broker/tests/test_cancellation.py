from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import InsuranceBrokerCommon


@tagged("post_install", "-at_install")
class TestCancellation(InsuranceBrokerCommon):
    """Cancelling a policy in force asks for the reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason_sold = cls.env.ref("insurance_broker.cancellation_reason_vehicle_sold")
        cls.policy = cls._create_policy(lead_id=cls.deal.id)
        cls.policy.action_activate()

    def _wizard(self, policies, user=None):
        Wizard = self.env["insurance.policy.cancel"]
        if user:
            Wizard = Wizard.with_user(user)
        action = policies.action_open_cancel_wizard()
        return Form(Wizard.with_context(**action["context"]))

    def test_reasons_data(self):
        reasons = self.env["insurance.cancellation.reason"].search([])
        self.assertGreaterEqual(len(reasons), 6)

    def test_wizard_cancels_with_reason(self):
        form = self._wizard(self.policy, self.user_manager)
        form.reason_id = self.reason_sold
        form.cancellation_date = self._days(-2)
        form.comment = "Автомобиль продан 10-го числа"
        wizard = form.save()
        wizard.action_confirm()
        self.assertRecordValues(
            self.policy,
            [
                {
                    "state": "cancelled",
                    "cancellation_reason_id": self.reason_sold.id,
                    "cancellation_date": self._days(-2),
                }
            ],
        )
        self.assertIn("Автомобиль продан", self.policy.message_ids[0].body)

    def test_wizard_requires_a_reason(self):
        form = self._wizard(self.policy, self.user_manager)
        with self.assertRaises(AssertionError):
            form.save()  # the reason is required in the form
        wizard = self.env["insurance.policy.cancel"].new({"policy_ids": self.policy.ids})
        with self.assertRaises(UserError):
            wizard.action_confirm()
        with self.assertRaises(UserError):
            self.policy._cancel_with_reason(self.env["insurance.cancellation.reason"])
        self.assertEqual(self.policy.state, "active")
        self.assertFalse(self.policy.cancellation_reason_id)

    def test_lost_deal_still_cancels_drafts(self):
        draft = self._create_policy(lead_id=self.deal.id)
        self.deal.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertEqual(draft.state, "cancelled")
        self.assertEqual(draft.cancellation_date, self.today)
        self.assertEqual(self.policy.state, "active", "a policy in force is not touched")

    def test_reset_to_draft_clears_the_reason(self):
        self.policy._cancel_with_reason(self.reason_sold)
        self.policy.action_reset_to_draft()
        self.assertFalse(self.policy.cancellation_reason_id)
        self.assertFalse(self.policy.cancellation_date)

    def test_cancellations_by_reason(self):
        other = self._create_policy()
        other.action_activate()
        other._cancel_with_reason(self.env.ref("insurance_broker.cancellation_reason_non_payment"))
        self.policy._cancel_with_reason(self.reason_sold)
        groups = self.env["insurance.policy"]._read_group(
            [("id", "in", (self.policy | other).ids), ("state", "=", "cancelled")],
            ["cancellation_reason_id"],
            ["__count"],
        )
        self.assertEqual(
            dict(groups),
            {
                self.reason_sold: 1,
                self.env.ref("insurance_broker.cancellation_reason_non_payment"): 1,
            },
        )
