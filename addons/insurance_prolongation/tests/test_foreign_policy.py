import ast
from datetime import date

from odoo.tests import Form, tagged

from .common import RenewalCommon


@tagged("post_install", "-at_install")
class TestForeignPolicyEntry(RenewalCommon):
    """Quick entry of a policy the client holds elsewhere."""

    def _entry_from(self, action, **values):
        self.assertEqual(action["res_model"], "insurance.foreign.policy.entry")
        self.assertEqual(action["target"], "new")
        Entry = self.env["insurance.foreign.policy.entry"].with_user(self.user_manager)
        form = Form(Entry.with_context(**action["context"]))
        for field, value in values.items():
            setattr(form, field, value)
        return form.save()

    def test_from_the_deal(self):
        other_company_insurer = self.env["res.partner"].create(
            {"name": "СК «Не партнёр»", "is_company": True}
        )
        entry = self._entry_from(
            self.deal.with_user(self.user_manager).action_add_foreign_policy(),
            insurer_id=other_company_insurer,
            product_id=self.product_osago,
            date_end=date(2027, 3, 31),
            premium=9500.0,
            vehicle_plate="к418мр77",
        )
        self.assertEqual(entry.partner_id, self.client)
        entry.action_save()
        policy = self.env["insurance.policy"].search(
            [("partner_id", "=", self.client.id), ("origin", "=", "foreign")]
        )
        self.assertEqual(len(policy), 1)
        self.assertEqual(policy.insurer_id, other_company_insurer, "any company, not only ours")
        self.assertEqual(policy.state, "active")
        self.assertEqual(policy.date_end, date(2027, 3, 31))
        self.assertEqual(policy.date_start, date(2026, 4, 1), "one term before the end")
        self.assertEqual(policy.vehicle_plate, "К418МР77")
        self.assertEqual(policy.commission_rate, 0.0, "nothing is due to us on it")
        self.assertFalse(policy.lead_id, "the deal's totals stay our sales")
        self.assertEqual(self.deal.foreign_policy_count, 1)
        self.assertIn(policy.name, self.deal.message_ids[:1].body)

    def test_from_the_client_card_without_number(self):
        entry = self._entry_from(
            self.client.with_user(self.user_manager).action_add_foreign_policy(),
            insurer_id=self.insurer_b,
            product_id=self.product_kasko,
            date_end=self._days(40),
        )
        entry.action_save()
        policy = self.client._action_view_foreign_policies()
        policies = self.env["insurance.policy"].search(policy["domain"])
        self.assertEqual(len(policies), 1)
        self.assertIn(self.client.name.upper(), policies.name, "a readable name without a number")
        self.assertEqual(self.client.foreign_policy_count, 1)
        # it enters the renewal pipeline with the foreign window (45 days)
        self._run_cron()
        self.assertEqual(len(self._renewals_of(policies)), 1)

    def test_foreign_menu_lists_only_foreign(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_prolongation.insurance_policy_action_foreign"
        )
        self.assertEqual(action["mobile_view_mode"], "kanban")
        own = self._ending_policy(self._days(10))
        foreign = self._ending_policy(self._days(10), origin="foreign")
        listed = self.env["insurance.policy"].search(ast.literal_eval(action["domain"]))
        self.assertIn(foreign, listed)
        self.assertNotIn(own, listed)
