import unittest

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .test_discount_rule import DiscountCommon


@tagged("insurance_broker")
class TestDiscountApproval(DiscountCommon):
    """A manager asks for 18% on a logistics client (limit 15%), the head decides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deal.partner_id = cls.logistics
        cls.policy = cls._create_policy(
            partner_id=cls.logistics.id,
            lead_id=cls.deal.id,
            seller_id=cls.user_manager.id,
            premium=1_000_000.0,
            commission_rate=25.0,
            discount_percent=18.0,
        )
        cls.Approval = cls.env["insurance.discount.approval"]

    def _request(self, user=None, reason="Конкурент предлагает 18%"):
        policy = self.policy.with_user(user or self.user_manager)
        action = policy.action_request_discount_approval()
        wizard = (
            self.env["insurance.discount.request.wizard"]
            .with_user(user or self.user_manager)
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        result = wizard.action_request()
        return self.Approval.browse(result["res_id"])

    def _decide(self, approval, user, decision="approved", comment="Утверждаю"):
        action = getattr(
            approval.with_user(user),
            {"approved": "action_approve", "rejected": "action_reject"}[decision],
        )()
        wizard = (
            self.env["insurance.discount.decision.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"comment": comment})
        )
        return wizard.action_confirm()

    # ------------------------------------------------------------
    # The full flow with two users
    # ------------------------------------------------------------

    def test_full_flow_manager_requests_head_approves_deal_won(self):
        self.assertEqual(self.policy.discount_state, "required")
        approval = self._request()
        self.assertEqual(approval.state, "pending")
        self.assertEqual(approval.requested_by_id, self.user_manager)
        self.assertEqual(approval.lead_id, self.deal)
        self.assertEqual(approval.partner_id, self.logistics)
        self.assertEqual(approval.discount_requested, 18.0)
        self.assertEqual(approval.discount_limit, 15.0)
        self.assertEqual(approval.premium, 1_000_000.0)
        self.assertEqual(approval.commission_rate, 25.0)
        self.assertEqual(approval.commission_net_amount, 70_000.0)
        self.assertEqual(approval.reason, "Конкурент предлагает 18%")
        self.assertEqual(self.policy.discount_state, "pending")

        # the head has a to-do on the approval and a message in their inbox
        activity = approval.activity_ids.filtered(lambda a: a.user_id == self.user_head)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        notified = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", self.user_head.partner_id.id),
                ("mail_message_id.model", "=", approval._name),
                ("mail_message_id.res_id", "=", approval.id),
                ("mail_message_id.message_type", "=", "comment"),
            ]
        )
        self.assertTrue(notified)
        self.assertIn(self.user_head.partner_id, approval.message_partner_ids)
        # the manager never gets a to-do for their own request
        self.assertFalse(approval.activity_ids.filtered(lambda a: a.user_id == self.user_manager))

        # still pending: the deal cannot be won
        with self.assertRaises(UserError):
            self.deal.with_user(self.user_manager).action_set_won()

        # the head sees the request and decides
        self.assertTrue(approval.with_user(self.user_head).can_decide)
        self.assertFalse(approval.with_user(self.user_manager).can_decide)
        self._decide(
            approval,
            self.user_head,
            comment="Утверждаю спецусловия в обмен на страхование 10 филиалов",
        )
        self.assertEqual(approval.state, "approved")
        self.assertEqual(approval.decided_by_id, self.user_head)
        self.assertTrue(approval.decision_date)
        self.assertEqual(
            approval.decision_comment, "Утверждаю спецусловия в обмен на страхование 10 филиалов"
        )
        self.assertFalse(approval.activity_ids, "the head's to-do is done")
        self.assertEqual(self.policy.discount_state, "approved")
        # the decision is in the deal's chatter and reaches the requester
        self.assertTrue(self.deal.message_ids.filtered(lambda m: "10 филиалов" in (m.body or "")))
        self.assertTrue(
            self.env["mail.notification"].search(
                [
                    ("res_partner_id", "=", self.user_manager.partner_id.id),
                    ("mail_message_id.res_id", "=", approval.id),
                    ("mail_message_id.model", "=", approval._name),
                ]
            )
        )
        # now the manager wins the deal
        self.deal.with_user(self.user_manager).action_set_won()
        self.assertTrue(self.deal.stage_id.is_won)
        self.assertEqual(self.policy.state, "active")

    def test_request_from_the_deal_covers_its_policies_over_the_limit(self):
        within = self._create_policy(
            partner_id=self.logistics.id,
            lead_id=self.deal.id,
            seller_id=self.user_manager.id,
            commission_rate=25.0,
            discount_percent=10.0,
        )
        action = self.deal.with_user(self.user_manager).action_request_discount_approval()
        self.assertEqual(action["context"]["default_policy_ids"], self.policy.ids)
        wizard = (
            self.env["insurance.discount.request.wizard"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
            .create({"reason": "Весь автопарк"})
        )
        wizard.action_request()
        self.assertEqual(self.deal.discount_approval_ids.policy_id, self.policy)
        self.assertEqual(within.discount_state, "not_needed")

    def test_request_needs_a_justification(self):
        with self.assertRaises(UserError):
            self.policy.with_user(self.user_manager)._request_discount_approval("   ")
        self.assertFalse(self.policy.discount_approval_ids)

    def test_nothing_to_request_within_the_limit(self):
        self.policy.discount_percent = 10.0
        with self.assertRaises(UserError):
            self.policy.with_user(self.user_manager).action_request_discount_approval()

    def test_configured_approver_gets_the_request(self):
        head_2 = self.user_head.copy({"login": "ib_head_2", "name": "Второй Руководитель"})
        self.company.insurance_discount_approver_id = head_2
        approval = self._request()
        self.assertEqual(approval.approver_id, head_2)
        self.assertEqual(approval.activity_ids.user_id, head_2)

    # ------------------------------------------------------------
    # Rejection, comment, who may decide
    # ------------------------------------------------------------

    def test_rejection_keeps_the_deal_blocked(self):
        approval = self._request()
        self._decide(approval, self.user_head, "rejected", "Убыточный сегмент")
        self.assertEqual(approval.state, "rejected")
        self.assertEqual(self.policy.discount_state, "rejected")
        with self.assertRaises(UserError) as caught:
            self.deal.with_user(self.user_manager).action_set_won()
        self.assertIn(self.policy.name, str(caught.exception))
        # lowering the discount to the limit unblocks the deal
        self.policy.with_user(self.user_manager).discount_percent = 15.0
        self.deal.with_user(self.user_manager).action_set_won()
        self.assertTrue(self.deal.stage_id.is_won)

    def test_comment_is_mandatory(self):
        approval = self._request()
        for empty in (False, "", "   "):
            with self.assertRaises(UserError):
                self._decide(approval, self.user_head, comment=empty)
        self.assertEqual(approval.state, "pending")
        self.assertFalse(approval.decided_by_id)

    def test_manager_cannot_approve(self):
        approval = self._request()
        # another manager who sees the deal (as its issuer) still cannot decide
        self.deal.issuer_id = self.user_manager_2
        as_other = approval.with_user(self.user_manager_2)
        self.assertEqual(as_other.discount_requested, 18.0)
        self.assertFalse(as_other.can_decide)
        with self.assertRaises(AccessError):
            as_other.action_approve()
        with self.assertRaises(AccessError):
            as_other._decide("approved", "Ок")
        with self.assertRaises(AccessError):
            as_other.write({"state": "approved", "decision_comment": "Ок"})
        self.assertEqual(approval.state, "pending")

    def test_manager_cannot_choose_the_approver_or_forge_a_decision(self):
        approval = self._request()
        with self.assertRaises(AccessError):
            approval.with_user(self.user_manager).write({"approver_id": self.user_manager_2.id})
        self.assertNotEqual(approval.approver_id, self.user_manager_2)
        values = {
            "lead_id": self.deal.id,
            "policy_id": self.policy.id,
            "partner_id": self.logistics.id,
            "discount_requested": 18.0,
        }
        with self.assertRaises(AccessError):
            self.Approval.with_user(self.user_manager).create({**values, "state": "approved"})
        forged = self.Approval.with_user(self.user_manager).create(
            {**values, "approver_id": self.user_manager_2.id}
        )
        # the approver comes from the settings (none here: the heads decide)
        self.assertFalse(forged.approver_id)
        self.assertEqual(forged.state, "pending")

    def test_requester_can_never_decide_their_own_request(self):
        approval = self._request()
        for decision in ("approved", "rejected"):
            with self.assertRaises(AccessError):
                approval.with_user(self.user_manager)._decide(decision, "Сам себе")
            with self.assertRaises(AccessError):
                approval.with_user(self.user_manager).action_approve()
        # a direct write is refused too
        with self.assertRaises(AccessError):
            approval.with_user(self.user_manager).write(
                {"state": "approved", "decision_comment": "Сам себе"}
            )

    def test_head_cannot_approve_own_request(self):
        self.policy.write({"seller_id": self.user_head.id, "discount_percent": 22.0})
        approval = self._request(user=self.user_head)
        with self.assertRaises(AccessError):
            approval.with_user(self.user_head)._decide("approved", "Сам себе")
        self.assertFalse(approval.activity_ids.filtered(lambda a: a.user_id == self.user_head))

    # ------------------------------------------------------------
    # Immutability and supersession
    # ------------------------------------------------------------

    def test_decision_is_immutable(self):
        approval = self._request()
        self._decide(approval, self.user_head)
        for user in (self.user_head, self.user_manager, self.env.ref("base.user_admin")):
            with self.assertRaises(UserError):
                approval.with_user(user).write({"decision_comment": "Исправлено"})
            with self.assertRaises(UserError):
                approval.with_user(user).write({"state": "rejected"})
            with self.assertRaises(UserError):
                approval.with_user(user).write({"discount_requested": 30.0})
        with self.assertRaises(UserError):
            approval.sudo().unlink()
        with self.assertRaises(UserError):
            self._decide(approval, self.user_head, "rejected", "Передумал")
        self.assertEqual(approval.state, "approved")
        self.assertEqual(approval.decision_comment, "Утверждаю")

    def test_request_snapshot_cannot_be_changed(self):
        approval = self._request()
        with self.assertRaises(UserError):
            approval.with_user(self.user_manager).write({"discount_limit": 50.0})
        self.assertEqual(approval.discount_limit, 15.0)

    def test_changing_discount_after_approval_supersedes_and_logs(self):
        approval = self._request()
        self._decide(approval, self.user_head)
        self.policy.with_user(self.user_manager).discount_percent = 19.0
        self.assertEqual(approval.state, "superseded")
        self.assertEqual(self.policy.discount_state, "required")
        log = self.env["insurance.policy.term.log"].search(
            [("policy_id", "=", self.policy.id), ("field_name", "=", "discount_percent")]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual((log.old_value, log.new_value), ("18.00", "19.00"))
        self.assertEqual(log.user_id, self.user_manager)
        with self.assertRaises(UserError):
            self.deal.with_user(self.user_manager).action_set_won()

    def test_changing_premium_after_approval_supersedes(self):
        approval = self._request()
        self._decide(approval, self.user_head)
        self.policy.with_user(self.user_manager).premium = 1_200_000.0
        self.assertEqual(approval.state, "superseded")
        self.assertTrue(
            self.env["insurance.policy.term.log"].search(
                [("policy_id", "=", self.policy.id), ("field_name", "=", "premium")]
            )
        )
        with self.assertRaises(UserError):
            self.deal.action_set_won()
        # a new request, a new approval: the deal can be won
        new = self._request()
        self._decide(new, self.user_head)
        self.deal.action_set_won()
        self.assertTrue(self.deal.stage_id.is_won)

    def test_change_while_pending_supersedes_the_request(self):
        approval = self._request()
        self.policy.with_user(self.user_manager).commission_rate = 24.0
        self.assertEqual(approval.state, "superseded")
        self.assertFalse(approval.activity_ids)

    def test_unrelated_change_keeps_the_approval(self):
        approval = self._request()
        self._decide(approval, self.user_head)
        self.policy.with_user(self.user_manager).note = "<p>Доставка курьером</p>"
        self.policy.with_user(self.user_manager).date_start = self._days(3)
        self.assertEqual(approval.state, "approved")

    # ------------------------------------------------------------
    # Record rules
    # ------------------------------------------------------------

    def test_record_rules(self):
        approval = self._request()
        other_client = self.env["res.partner"].create({"name": "Другой клиент", "is_company": True})
        other_deal = self.env["crm.lead"].create(
            {
                "name": "Сделка другого менеджера",
                "type": "opportunity",
                "partner_id": other_client.id,
                "user_id": self.user_manager_2.id,
                "seller_id": self.user_manager_2.id,
                "company_id": self.company.id,
            }
        )
        other_policy = self._create_policy(
            partner_id=other_client.id,
            lead_id=other_deal.id,
            seller_id=self.user_manager_2.id,
            commission_rate=25.0,
            discount_percent=12.0,
        )
        other = other_policy.with_user(self.user_manager_2)._request_discount_approval("Скидка")
        Approval = self.Approval
        self.assertEqual(Approval.with_user(self.user_manager).search([]), approval)
        self.assertEqual(Approval.with_user(self.user_manager_2).search([]), other)
        self.assertEqual(Approval.with_user(self.user_head).search([]), approval | other)
        with self.assertRaises(AccessError):
            other.with_user(self.user_manager).read(["discount_requested"])

    def test_multi_company_rule(self):
        approval = self._request()
        other_company = self.env["res.company"].create({"name": "Филиал брокера"})
        self.user_head.write({"company_ids": [Command.link(other_company.id)]})
        found = (
            self.Approval.with_user(self.user_head)
            .with_context(allowed_company_ids=other_company.ids)
            .search([])
        )
        self.assertNotIn(approval, found)


@tagged("insurance_broker")
class TestApprovalClientInsight(DiscountCommon):
    """Cross-sell and loyalty on a known group: a holding, the client, two
    branches, a sister company; four years of policies; three NPS answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.holding = Partner.create({"name": "АО «Холдинг»", "is_company": True})
        cls.logistics.parent_id = cls.holding
        cls.branch_1 = Partner.create(
            {"name": "Филиал Казань", "is_company": True, "parent_id": cls.logistics.id}
        )
        cls.branch_2 = Partner.create(
            {"name": "Филиал Самара", "is_company": True, "parent_id": cls.logistics.id}
        )
        cls.sister = Partner.create(
            {"name": "ООО «Сестра»", "is_company": True, "parent_id": cls.holding.id}
        )
        cls.stranger = Partner.create({"name": "ООО «Чужие»", "is_company": True})
        # products: ОСАГО, КАСКО, ВЗР from the common fixture, plus an archived one
        cls.env["insurance.product"].create(
            {"name": "Архивный", "code": "T-OLD", "line_of_business": "other", "active": False}
        )
        Product = cls.env["insurance.product"]
        cls.other_products = Product.search(
            [("id", "not in", (cls.product_osago | cls.product_kasko | cls.product_travel).ids)]
        )
        base = {"partner_id": cls.logistics.id, "seller_id": cls.user_manager.id}
        # renewed twice (КАСКО 4 and 2 years ago), one policy in force
        cls.first = cls._create_policy(
            **base, date_sale=cls._days(-4 * 365 - 30), date_start=cls._days(-4 * 365 - 30)
        )
        cls.first.state = "renewed"
        cls.second = cls._create_policy(
            **base, date_sale=cls._days(-2 * 365), date_start=cls._days(-2 * 365)
        )
        cls.second.state = "renewed"
        cls.in_force = cls._create_policy(
            **base, product_id=cls.product_osago.id, premium=20_000.0, date_start=cls._days(-10)
        )
        cls.in_force.state = "active"
        # draft, cancelled and foreign policies count for nothing
        cls._create_policy(**base, product_id=cls.product_travel.id)
        cancelled = cls._create_policy(**base, product_id=cls.product_travel.id)
        cancelled.state = "cancelled"
        # the sister bought travel: the group has it
        cls._create_policy(
            partner_id=cls.sister.id,
            product_id=cls.product_travel.id,
            seller_id=cls.user_manager.id,
        ).state = "active"
        # a stranger's renewed policy is not ours to count
        cls._create_policy(partner_id=cls.stranger.id).state = "renewed"
        Nps = cls.env["insurance.nps.response"]
        Nps.create({"partner_id": cls.logistics.id, "score": 6, "date": cls._days(-300)})
        Nps.create({"partner_id": cls.logistics_contact.id, "score": 10, "date": cls._days(-100)})
        Nps.create({"partner_id": cls.logistics.id, "score": 8, "date": cls._days(-5)})
        Nps.create({"partner_id": cls.stranger.id, "score": 0, "date": cls._days(-1)})
        cls.deal.partner_id = cls.logistics
        cls.request_policy = cls._create_policy(
            **base, lead_id=cls.deal.id, commission_rate=25.0, discount_percent=18.0
        )
        cls.approval = cls.request_policy.with_user(cls.user_manager)._request_discount_approval(
            "Лояльный клиент"
        )

    def test_related_companies(self):
        approval = self.approval.with_user(self.user_head)
        self.assertEqual(
            approval.related_partner_ids, self.holding | self.branch_1 | self.branch_2 | self.sister
        )
        self.assertEqual(approval.related_partner_count, 4)

    def test_products_not_yet_bought(self):
        approval = self.approval.with_user(self.user_head)
        # КАСКО and ОСАГО bought by the client, travel by the sister; archived excluded
        self.assertEqual(approval.missing_product_ids, self.other_products)
        self.assertNotIn(self.product_travel, approval.missing_product_ids)
        self.assertNotIn(self.product_kasko, approval.missing_product_ids)

    def test_loyalty(self):
        approval = self.approval.with_user(self.user_head)
        self.assertEqual(approval.client_since, self.first.date_sale)
        self.assertAlmostEqual(approval.years_with_us, 4.1, delta=0.1)
        self.assertEqual(approval.renewed_policy_ids, self.first | self.second)
        self.assertEqual(approval.renewal_count, 2)
        self.assertEqual(approval.active_policy_count, 1)
        self.assertEqual(
            approval.commission_earned,
            self.first.commission_amount
            + self.second.commission_amount
            + self.in_force.commission_amount,
        )
        self.assertEqual(approval.nps_count, 3)
        self.assertAlmostEqual(approval.nps_average, 8.0)
        self.assertEqual(approval.nps_last_score, 8)
        self.assertEqual(approval.nps_last_date, self._days(-5))

    def test_batch_of_approvals(self):
        other_deal = self.deal.copy({"partner_id": self.stranger.id})
        stranger_policy = self._create_policy(
            partner_id=self.stranger.id,
            lead_id=other_deal.id,
            seller_id=self.user_manager.id,
            commission_rate=25.0,
            discount_percent=10.0,
        )
        other = stranger_policy._request_discount_approval("Новый клиент")
        both = (self.approval | other).with_user(self.user_head)
        both.invalidate_recordset()
        self.assertEqual(both[0].renewal_count, 2)
        self.assertEqual(both[1].renewal_count, 1)
        self.assertFalse(both[1].related_partner_ids)
        self.assertEqual(both[1].nps_last_score, 0)
        self.assertEqual(both[1].nps_count, 1)


@tagged("post_install", "-at_install")
class TestDiscountDemo(TransactionCase):
    """The demo shows the head of sales one request of each kind, and no won
    deal of the demo is blocked by a discount."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref(
            "insurance_broker.demo_discount_approval_pending", raise_if_not_found=False
        ):
            raise unittest.SkipTest("The demo data of insurance_broker is not installed.")

    def test_one_request_of_each_kind_for_the_head(self):
        head = self.env.ref("insurance_broker.demo_user_head")
        pending = self.env.ref("insurance_broker.demo_discount_approval_pending")
        approved = self.env.ref("insurance_broker.demo_discount_approval_approved")
        rejected = self.env.ref("insurance_broker.demo_discount_approval_rejected")
        self.assertEqual(
            (pending.state, approved.state, rejected.state), ("pending", "approved", "rejected")
        )
        self.assertEqual(
            pending.requested_by_id, self.env.ref("insurance_broker.demo_user_manager1")
        )
        self.assertIn(head, pending.activity_ids.user_id)
        self.assertTrue(pending.with_user(head).can_decide)
        self.assertIn("10 филиалов", approved.decision_comment)
        # the approver sees a client with history: branches, renewals, NPS
        pending = pending.with_user(head)
        self.assertGreaterEqual(pending.related_partner_count, 2)
        self.assertGreaterEqual(pending.renewal_count, 1)
        self.assertTrue(pending.nps_count)
        self.assertTrue(pending.missing_product_ids)
        # the policies' discount states follow their approvals
        self.assertEqual(pending.policy_id.discount_state, "pending")
        self.assertEqual(approved.policy_id.discount_state, "approved")
        self.assertEqual(rejected.policy_id.discount_state, "rejected")

    def test_logistics_rule_limits_managers_to_15(self):
        rule = self.env.ref("insurance_broker.demo_discount_rule_logistics")
        client = self.env.ref("insurance_broker.demo_discount_client_severlog")
        limit, found = self.env["insurance.discount.rule"]._get_discount_limit(
            client,
            self.env.ref("insurance_broker.demo_product_kasko"),
            self.env.ref("insurance_broker.demo_user_manager3"),
        )
        self.assertEqual((limit, found), (15.0, rule))

    def test_won_demo_deals_are_not_blocked(self):
        won = self.env["crm.lead"].search([("stage_id.is_won", "=", True)])
        self.assertTrue(won)
        self.assertEqual([lead.name for lead in won if lead._discount_won_blockers()], [])
