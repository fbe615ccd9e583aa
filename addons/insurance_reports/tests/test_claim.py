from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .profitability_common import InsuranceProfitabilityCommon


@tagged("post_install", "-at_install")
class TestClaim(InsuranceProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy_own = cls._sold(30, seller=cls.user_manager)
        cls.other_client = cls.env["res.partner"].create({"name": "ООО «Чужой клиент»"})
        cls.policy_other = cls._sold(
            30,
            seller=cls.user_manager_2,
            issuer_id=cls.user_manager_2.id,
            partner_id=cls.other_client.id,
        )
        cls.claim_own = cls._claim(cls.policy_own, 5000, number="у-1  001")
        cls.claim_other = cls._claim(cls.policy_other, 7000)

    def test_claim_takes_client_insurer_product_company_from_policy(self):
        self.assertEqual(self.claim_own.name, "У-1 001", "claim numbers are normalised")
        self.assertEqual(self.claim_own.partner_id, self.client)
        self.assertEqual(self.claim_own.insurer_id, self.insurer_a)
        self.assertEqual(self.claim_own.product_id, self.product_kasko)
        self.assertEqual(self.claim_own.company_id, self.company)
        found = self.env["insurance.claim"].search([("partner_id", "=", self.client.id)])
        self.assertEqual(found, self.claim_own)

    def test_claim_number_unique_per_policy(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._claim(self.policy_own, 1, number="У-1 001")
        # the same number under another policy is another claim
        self.assertTrue(self._claim(self.policy_other, 1, number="У-1 001"))

    def test_claim_paid_before_loss_refused(self):
        with self.assertRaises(ValidationError):
            self.claim_own.date_paid = self._days(-60)
        self.claim_own.date_paid = self._days(-1)
        self.assertEqual(self.claim_own.date_paid, self._days(-1))

    def test_negative_amount_refused(self):
        with self.assertRaises(ValidationError):
            self.claim_own.amount_paid = -1

    def test_claim_counts_on_policy_and_client(self):
        self._claim(self.policy_own, 0)
        self.assertEqual(self.policy_own.claim_count, 2)
        self.assertEqual(self.client.claim_count, 2)
        self.assertEqual(self.other_client.claim_count, 1)
        action = self.client.action_view_claims()
        self.assertEqual(
            self.env["insurance.claim"].search(action["domain"]).policy_id, self.policy_own
        )
        action = self.policy_own.action_view_claims()
        self.assertEqual(len(self.env["insurance.claim"].search(action["domain"])), 2)

    def test_manager_reads_only_claims_of_their_policies(self):
        Claim = self.env["insurance.claim"].with_user(self.user_manager)
        self.assertEqual(Claim.search([]), self.claim_own)
        with self.assertRaises(AccessError):
            Claim.browse(self.claim_other.id).read(["name"])
        # the issuer of the policy sees it too
        Claim = self.env["insurance.claim"].with_user(self.user_issuer)
        self.assertIn(self.claim_own, Claim.search([]))
        self.assertNotIn(self.claim_other, Claim.search([]))

    def test_manager_cannot_change_claims(self):
        with self.assertRaises(AccessError):
            self.claim_own.with_user(self.user_manager).write({"amount_paid": 1})
        with self.assertRaises(AccessError):
            self.env["insurance.claim"].with_user(self.user_manager).create(
                {"name": "М-1", "policy_id": self.policy_own.id}
            )
        self.assertEqual(self.claim_own.amount_paid, 5000)

    def test_head_and_accountant_see_and_record_all_claims(self):
        for user in (self.user_head, self.user_accountant):
            Claim = self.env["insurance.claim"].with_user(user)
            self.assertEqual(
                Claim.search([("id", "in", (self.claim_own | self.claim_other).ids)]),
                self.claim_own | self.claim_other,
            )
        claim = (
            self.env["insurance.claim"]
            .with_user(self.user_accountant)
            .create({"name": "Б-1", "policy_id": self.policy_other.id, "amount_paid": 10})
        )
        self.assertEqual(claim.partner_id, self.other_client)


@tagged("post_install", "-at_install")
class TestLatePayment(InsuranceProfitabilityCommon):
    def test_days_late(self):
        policy = self._sold(40)
        self.assertEqual(policy.payment_days_late, 0, "no due date: nothing is late")
        policy.payment_due_date = self._days(-30)
        self.assertEqual(policy.payment_days_late, 0, "not paid yet: not counted yet")
        policy.payment_date = self._days(-31)
        self.assertEqual(policy.payment_days_late, 0, "paid early")
        policy.payment_date = self._days(-30)
        self.assertEqual(policy.payment_days_late, 0, "paid on the due date")
        policy.payment_date = self._days(-18)
        self.assertEqual(policy.payment_days_late, 12)
        late = self.env["insurance.policy"].search([("payment_days_late", ">", 10)])
        self.assertIn(policy, late)

    def test_client_card_of_a_user_without_insurance_rights(self):
        """Employees outside the insurance work open contacts without an error."""
        user = mail_new_test_user(
            self.env, login="ib_plain", groups="base.group_user", company_id=self.company.id
        )
        self.assertEqual(self.client.with_user(user).claim_count, 0)
