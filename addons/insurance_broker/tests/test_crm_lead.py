from odoo import Command
from odoo.tests import Form, tagged

from .common import InsuranceBrokerCommon


@tagged("insurance_broker")
class TestDealPolicies(InsuranceBrokerCommon):
    """Winning or losing a deal moves its policies; the deal shows their totals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_open = cls.env["crm.stage"].create(
            {"name": "Расчёт", "sequence": 2, "is_won": False}
        )
        cls.deal.stage_id = cls.stage_open

    def _deal_policy(self, **values):
        return self._create_policy(lead_id=self.deal.id, **values)

    # ------------------------------------------------------------
    # Winning
    # ------------------------------------------------------------

    def test_winning_deal_activates_its_draft_policies(self):
        osago = self._deal_policy(product_id=self.product_osago.id)
        kasko = self._deal_policy(product_id=self.product_kasko.id)
        self.deal.action_set_won()
        self.assertEqual(osago.state, "active")
        self.assertEqual(kasko.state, "active")

    def test_winning_deal_leaves_cancelled_policies_cancelled(self):
        draft = self._deal_policy()
        refused = self._deal_policy()
        refused.action_cancel()
        self.deal.action_set_won()
        self.assertEqual(draft.state, "active")
        self.assertEqual(refused.state, "cancelled")

    def test_moving_deal_to_won_stage_activates_draft_policies(self):
        policy = self._deal_policy()
        self.deal.write({"stage_id": self.stage_won.id})
        self.assertEqual(policy.state, "active")

    def test_moving_deal_to_open_stage_keeps_policies_draft(self):
        policy = self._deal_policy()
        other_stage = self.env["crm.stage"].create({"name": "Документы", "sequence": 3})
        self.deal.write({"stage_id": other_stage.id})
        self.assertEqual(policy.state, "draft")

    def test_winning_deal_leaves_other_deals_policies_alone(self):
        other_deal = self.deal.copy({"name": "Другая сделка"})
        other_policy = self._create_policy(lead_id=other_deal.id)
        self._deal_policy()
        self.deal.action_set_won()
        self.assertEqual(other_policy.state, "draft")

    # ------------------------------------------------------------
    # Losing
    # ------------------------------------------------------------

    def test_losing_deal_cancels_draft_policies_and_keeps_active_ones(self):
        offer = self._deal_policy()
        in_force = self._deal_policy()
        in_force.action_activate()
        self.deal.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertFalse(self.deal.active)
        self.assertEqual(self.deal.lost_reason_id, self.lost_reason)
        self.assertEqual(offer.state, "cancelled")
        self.assertEqual(in_force.state, "active")

    def test_lost_wizard_cancels_draft_policies(self):
        offer = self._deal_policy()
        wizard = self.env["crm.lead.lost"].create(
            {"lead_ids": [Command.set(self.deal.ids)], "lost_reason_id": self.lost_reason.id}
        )
        wizard.action_lost_reason_apply()
        self.assertFalse(self.deal.active)
        self.assertEqual(offer.state, "cancelled")
        self.assertTrue(offer.exists(), "A lost offer is kept in the register, not deleted.")

    # ------------------------------------------------------------
    # Totals
    # ------------------------------------------------------------

    def test_deal_totals_sum_policies_that_are_not_cancelled(self):
        self._deal_policy(product_id=self.product_osago.id, premium=5000.0)  # 12% -> 600
        self._deal_policy(product_id=self.product_kasko.id, premium=10000.0)  # 8% -> 800
        refused = self._deal_policy(product_id=self.product_kasko.id, premium=70000.0)
        refused.action_cancel()
        self.assertEqual(self.deal.policy_count, 3, "the smart button still lists it")
        self.assertEqual(self.deal.policy_premium_total, 15000.0)
        self.assertEqual(self.deal.policy_commission_total, 1400.0)

    def test_deal_totals_follow_policy_changes(self):
        osago = self._deal_policy(product_id=self.product_osago.id, premium=5000.0)
        kasko = self._deal_policy(product_id=self.product_kasko.id, premium=10000.0)
        osago.premium = 6000.0  # 12% -> 720
        self.assertEqual(self.deal.policy_premium_total, 16000.0)
        self.assertEqual(self.deal.policy_commission_total, 1520.0)
        kasko.commission_rate = 10.0  # -> 1000
        self.assertEqual(self.deal.policy_commission_total, 1720.0)
        kasko.action_cancel()
        self.assertEqual(self.deal.policy_count, 2)
        self.assertEqual(self.deal.policy_premium_total, 6000.0)
        self.assertEqual(self.deal.policy_commission_total, 720.0)

    def test_deal_totals_are_stored_for_the_pipeline(self):
        self._deal_policy(premium=10000.0)
        self.env.flush_all()
        deals = self.env["crm.lead"].search([("policy_premium_total", "=", 10000.0)])
        self.assertIn(self.deal, deals)

    # ------------------------------------------------------------
    # Creating policies from the deal
    # ------------------------------------------------------------

    def test_policy_created_from_deal_takes_client_seller_and_issuer(self):
        action = self.deal.action_view_policies()
        policy = (
            self.env["insurance.policy"]
            .with_context(**action["context"])
            .create(
                {
                    "name": "ХХХ 0000000777",
                    "insurer_id": self.insurer_a.id,
                    "product_id": self.product_osago.id,
                }
            )
        )
        self.assertEqual(policy.lead_id, self.deal)
        self.assertEqual(policy.partner_id, self.client)
        self.assertEqual(policy.seller_id, self.user_manager)
        self.assertEqual(policy.issuer_id, self.user_issuer)
        self.assertEqual(self.env["insurance.policy"].search(action["domain"]), policy)

    def test_policy_added_on_deal_form_takes_client_seller_and_issuer(self):
        with Form(self.deal) as deal_form:
            with deal_form.policy_ids.new() as line:
                line.product_id = self.product_osago
                line.insurer_id = self.insurer_a
                line.name = "ХХХ 0000000778"
                line.premium = 8000.0
                self.assertEqual(line.commission_rate, 12.0)
        policy = self.deal.policy_ids
        self.assertEqual(policy.partner_id, self.client)
        self.assertEqual(policy.seller_id, self.user_manager)
        self.assertEqual(policy.issuer_id, self.user_issuer)
        self.assertEqual(policy.commission_amount, 960.0)
        self.assertEqual(self.deal.policy_commission_total, 960.0)

    def test_policy_linked_to_deal_without_client_takes_the_deal_client(self):
        values = self._policy_values(lead_id=self.deal.id)
        del values["partner_id"]
        policy = self.env["insurance.policy"].create(values)
        self.assertEqual(policy.partner_id, self.client)

    # ------------------------------------------------------------
    # As a manager
    # ------------------------------------------------------------

    def test_manager_creates_deal_with_policies_and_wins_it(self):
        Lead = self.env["crm.lead"].with_user(self.user_manager)
        deal = Lead.create(
            {
                "name": "ОСАГО для Иванова",
                "type": "opportunity",
                "partner_id": self.client.id,
                "issuer_id": self.user_issuer.id,
                "policy_ids": [
                    Command.create(
                        {
                            "name": "ХХХ 0000000901",
                            "partner_id": self.client.id,
                            "insurer_id": self.insurer_b.id,
                            "product_id": self.product_osago.id,
                            "premium": 9000.0,
                            "vehicle_plate": "в 777 ор 50",
                        }
                    ),
                ],
            }
        )
        self.assertEqual(deal.seller_id, self.user_manager)
        self.assertEqual(deal.policy_commission_total, 900.0)
        deal.action_set_won()
        policy = deal.policy_ids
        self.assertEqual(policy.state, "active")
        self.assertEqual(policy.seller_id, self.user_manager)
        self.assertEqual(policy.vehicle_plate, "В777ОР50")

    def test_manager_loses_deal_and_its_offers_are_cancelled(self):
        policy = self._deal_policy()
        self.deal.with_user(self.user_manager).action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertEqual(policy.state, "cancelled")
