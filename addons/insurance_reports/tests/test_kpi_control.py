from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.insurance_broker.tests.common import valid_inn

from .profitability_common import InsuranceProfitabilityCommon


@tagged("post_install", "-at_install")
class TestKpiControl(InsuranceProfitabilityCommon):
    """The «Control» block of the dashboard on a hand-built brokerage:

    ===============  ===============================================================
    card             records (head's figure / manager's / manager 2's)
    ===============  ===============================================================
    approvals        a1 manager pending, no approver; a2 manager 2 pending, approver
                     = accountant; a3 head pending; a4 manager approved
                     -> to decide: head 1 (a1) / 0 / 0; pending: 3 / 1 / 1
    complaints       manager: new 20 days old (overdue), new 2 days old, resolved;
                     manager 2: in progress 30 days old (overdue), rejected
                     -> open 3 / 2 / 1; overdue 2 / 1 / 1
    blocked deals    the fixture's deal (compliant client, manager): not blocked;
                     manager: company without INN; manager 2: person without
                     consent; sold by manager but salesperson manager 2: no
                     document; won and lost deals of non-compliant clients: never
                     -> 3 / 2 / 1
    toxic clients    T1 (policy sold by manager), T2 (manager 2), T3 (no policy
                     here) -> 2 / 1 / 1
    NPS, 90 days     manager 10, 9 (89 days ago), 5; manager 2 7, 0, 2;
                     manager 10 ninety days ago is out -> head: 6 answers, 2
                     promoters, 3 detractors = -16.7; manager 3, 2, 1 = 33.3
    loss ratio       T1 100 000 (ended), paid 30 000; T2 20 000 (ended), paid 20 000;
                     a policy ended over 12 months ago (50 000, paid 99 999) is out
                     -> 50 000 / 120 000 = 41.67%; managers: not shown
    ===============  ===============================================================
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        Approval = cls.env["insurance.discount.approval"]
        approval = {"lead_id": cls.deal.id, "partner_id": cls.client.id,
                    "discount_requested": 15.0, "discount_limit": 10.0}  # fmt: skip
        cls.a1 = Approval.create({**approval, "requested_by_id": cls.user_manager.id})
        cls.a2 = Approval.create(
            {**approval, "requested_by_id": cls.user_manager_2.id,
             "approver_id": cls.user_accountant.id}
        )  # fmt: skip
        cls.a3 = Approval.create({**approval, "requested_by_id": cls.user_head.id})
        cls.a4 = Approval.create(
            {**approval, "requested_by_id": cls.user_manager.id, "state": "approved",
             "decided_by_id": cls.user_head.id, "decision_comment": "Да"}
        )  # fmt: skip

        Complaint = cls.env["insurance.complaint"]

        def complaint(user, days_ago, **values):
            return Complaint.create(
                {"name": "Жалоба", "partner_id": cls.client.id, "user_id": user.id,
                 "date": cls._days(-days_ago), **values}
            )  # fmt: skip

        complaint(cls.user_manager, 20)
        complaint(cls.user_manager, 2)
        complaint(cls.user_manager, 40, state="resolved", resolution="Извинились")
        complaint(cls.user_manager_2, 30, state="in_progress")
        complaint(cls.user_manager_2, 40, state="rejected")

        Lead = cls.env["crm.lead"]
        no_inn = Partner.create(
            {"name": "ООО «Без ИНН»", "is_company": True, "pd_consent_date": cls.today}
        )
        no_consent = Partner.create(
            {"name": "Петров Пётр", "identity_document_type": "passport_ru",
             "identity_document_number": "45 02 654321"}
        )  # fmt: skip
        no_document = Partner.create({"name": "Сидоров Сидор", "pd_consent_date": cls.today})
        deal = {"type": "opportunity", "company_id": cls.company.id}
        cls.blocked = Lead.create(
            [
                {**deal, "name": "b1", "partner_id": no_inn.id,
                 **cls._people(cls.user_manager)},
                {**deal, "name": "b2", "partner_id": no_consent.id,
                 **cls._people(cls.user_manager_2)},
                {**deal, "name": "b3", "partner_id": no_document.id,
                 "user_id": cls.user_manager_2.id, "seller_id": cls.user_manager.id},
            ]
        )  # fmt: skip
        Lead.create(
            [
                {**deal, "name": "won", "partner_id": no_consent.id,
                 **cls._people(cls.user_manager), "stage_id": cls.stage_won.id},
                {**deal, "name": "lost", "partner_id": no_consent.id,
                 **cls._people(cls.user_manager), "active": False},
            ]
        )  # fmt: skip

        cls.t1 = Partner.create({"name": "ООО «Т1»", "is_company": True})
        cls.t2 = Partner.create({"name": "ООО «Т2»", "is_company": True})
        cls.t3 = Partner.create({"name": "ООО «Т3»", "is_company": True})
        (cls.t1 | cls.t2 | cls.t3).write({"is_toxic": True, "toxic_reason": "Тест"})
        p1 = cls._sold(400, 100000, partner_id=cls.t1.id)
        cls._claim(p1, 30000)
        p2 = cls._sold(500, 20000, seller=cls.user_manager_2, partner_id=cls.t2.id)
        cls._claim(p2, 20000)
        old = cls._sold(800, 50000)
        cls._claim(old, 99999)

        Nps = cls.env["insurance.nps.response"]
        Nps.create(
            [
                {"partner_id": cls.client.id, "user_id": user.id, "score": score,
                 "date": cls._days(-days_ago)}
                for user, score, days_ago in (
                    (cls.user_manager, 10, 5), (cls.user_manager, 9, 89),
                    (cls.user_manager, 5, 10), (cls.user_manager_2, 7, 1),
                    (cls.user_manager_2, 0, 30), (cls.user_manager_2, 2, 60),
                    (cls.user_manager, 10, 90),
                )
            ]
        )  # fmt: skip
        cls.Dashboard = cls.env["insurance.kpi.dashboard"]

    @classmethod
    def _people(cls, user):
        return {"user_id": user.id, "seller_id": user.id}

    def _control(self, user):
        return self.Dashboard.with_user(user).get_dashboard_data(date=self.today)["control"]

    def test_head_sees_the_whole_company(self):
        control = self._control(self.user_head)
        self.assertEqual(control["approvals_to_decide"], 1)
        self.assertEqual(control["approvals_pending"], 3)
        self.assertEqual(control["complaints_open"], 3)
        self.assertEqual(control["complaints_overdue"], 2)
        self.assertEqual(control["blocked_deals"], 3)
        self.assertEqual(control["toxic_clients"], 2)
        self.assertEqual(
            control["nps"], {"value": -16.7, "answers": 6, "promoters": 2, "detractors": 3}
        )
        self.assertEqual(
            control["loss_ratio"],
            {"ratio": 41.67, "claims_paid": 50000.0, "earned_premium": 120000.0},
        )

    def test_manager_sees_own_scope(self):
        control = self._control(self.user_manager)
        self.assertEqual(control["approvals_to_decide"], 0)
        self.assertEqual(control["approvals_pending"], 1)
        self.assertEqual((control["complaints_open"], control["complaints_overdue"]), (2, 1))
        self.assertEqual(control["blocked_deals"], 2)  # b1, and b3 they sell
        self.assertEqual(control["toxic_clients"], 1)
        self.assertEqual(
            control["nps"], {"value": 33.3, "answers": 3, "promoters": 2, "detractors": 1}
        )
        self.assertIsNone(control["loss_ratio"], "managers have no access to the losses")

        control = self._control(self.user_manager_2)
        self.assertEqual(control["approvals_pending"], 1)
        self.assertEqual((control["complaints_open"], control["complaints_overdue"]), (1, 1))
        self.assertEqual(control["blocked_deals"], 1)
        self.assertEqual(control["toxic_clients"], 1)
        self.assertEqual(control["nps"]["answers"], 3)
        self.assertEqual(control["nps"]["value"], -66.7)  # 7, 0, 2

    def test_named_approver_sees_their_queue(self):
        control = self._control(self.user_accountant)
        self.assertEqual(control["approvals_to_decide"], 1)  # a2
        self.assertEqual(control["approvals_pending"], 3)
        self.assertEqual(control["loss_ratio"]["ratio"], 41.67)

    def test_a_decision_and_a_tick_move_the_cards(self):
        self.a1.with_user(self.user_head)._decide("approved", "Согласовано")
        self.blocked[0].partner_id.vat = valid_inn("500100732")
        control = self._control(self.user_head)
        self.assertEqual(control["approvals_to_decide"], 0)
        self.assertEqual(control["approvals_pending"], 2)
        self.assertEqual(control["blocked_deals"], 2)

    def test_each_card_opens_what_it_counts(self):
        for user in (self.user_head, self.user_manager):
            Dashboard = self.Dashboard.with_user(user)
            control = Dashboard.get_dashboard_data(date=self.today)["control"]
            for card in ("approvals_to_decide", "approvals_pending", "complaints_open",
                         "complaints_overdue", "blocked_deals", "toxic_clients"):  # fmt: skip
                action = Dashboard.action_open_control(card, date=self.today)
                records = self.env[action["res_model"]].with_user(user).search(action["domain"])
                self.assertEqual(len(records), control[card], f"{card} for {user.name}")
                self.assertFalse(
                    [key for key in action["context"] if key.startswith("search_default_")]
                )
            action = Dashboard.action_open_control("nps", date=self.today)
            nps = self.env["insurance.nps.response"].with_user(user)
            self.assertEqual(nps.search_count(action["domain"]), control["nps"]["answers"])
        action = self.Dashboard.with_user(self.user_head).action_open_control("loss_ratio")
        self.assertEqual(action["res_model"], "insurance.loss.ratio.report")
        [(paid, earned)] = self.env["insurance.loss.ratio.report"]._read_group(
            action["domain"], [], ["claims_paid:sum", "earned_premium:sum"]
        )
        self.assertEqual((paid, earned), (50000.0, 120000.0))
        with self.assertRaises(UserError):
            self.Dashboard.with_user(self.user_head).action_open_control("nothing")

    def test_nps_window_is_ninety_days(self):
        self.env["insurance.nps.response"].search(
            [("date", "=", self.today - relativedelta(days=89))]
        ).date = self.today - relativedelta(days=90)
        control = self._control(self.user_head)
        self.assertEqual(control["nps"]["answers"], 5)
        self.assertEqual(control["nps"]["value"], -40.0)  # (1 - 3) / 5
