from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RenewalCommon, load_russian_renewals


@tagged("post_install", "-at_install")
class TestRenewalOutcome(RenewalCommon):
    """Won and lost renewal deals, seen from the old policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old_policy = cls._ending_policy(cls._days(10))
        cls.old_policy.sudo()._cron_create_renewals()
        cls.lead = cls.env["crm.lead"].search([("renewal_policy_id", "=", cls.old_policy.id)])

    def test_won_with_new_policy(self):
        new_policy = self._create_policy(
            lead_id=self.lead.id, date_start=self._days(11), premium=11000.0
        )
        self.lead.action_set_won()
        self.assertEqual(self.old_policy.state, "renewed")
        self.assertEqual(self.old_policy.renewed_by_policy_id, new_policy)
        self.assertEqual(new_policy.renewal_of_policy_id, self.old_policy)
        self.assertEqual(new_policy.state, "active", "insurance_broker activates the sold policy")
        self.assertEqual(self.old_policy.renewal_status, "won")

    def test_won_without_new_policy_refused(self):
        with self.assertRaises(UserError):
            self.lead.write({"stage_id": self.stage_won.id})
        self.assertEqual(self.old_policy.state, "active")

    def test_won_without_new_policy_message_in_russian(self):
        load_russian_renewals(self.env)
        with self.assertRaises(UserError) as error:
            self.lead.with_context(lang="ru_RU").write({"stage_id": self.stage_won.id})
        self.assertIn("добавьте новый полис", str(error.exception))

    def test_lost_records_reason(self):
        self.lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertEqual(self.old_policy.renewal_lost_reason_id, self.lost_reason)
        self.assertEqual(self.old_policy.renewal_lost_date, self.today)
        self.assertEqual(self.old_policy.renewal_status, "lost")
        self.assertEqual(self.old_policy.state, "active", "the client keeps the old policy")
        self.assertIn(self.lost_reason.name, self.old_policy.message_ids[:1].body)

    def test_lost_then_restored(self):
        self.lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.lead.action_unarchive()
        self.assertFalse(self.old_policy.renewal_lost_reason_id)
        self.assertEqual(self.old_policy.renewal_status, "open")


@tagged("post_install", "-at_install")
class TestRenewalAccess(RenewalCommon):
    """A manager reads the policies whose renewal they were given, on top of
    what the managers' own rule of insurance_broker lets them read."""

    def test_assignee_reads_the_renewed_policy(self):
        policy = self._ending_policy(self._days(10))
        policy.write({"seller_id": self.user_manager_3.id, "issuer_id": self.user_manager_3.id})
        own = self._ending_policy(self._days(200))
        own.write({"seller_id": self.user_manager.id, "issuer_id": self.user_manager.id})
        self.company.write(
            {"renewal_assign_own": "user", "renewal_user_own_id": self.user_manager.id}
        )
        self._run_cron()
        as_assignee = self.env["insurance.policy"].with_user(self.user_manager)
        self.assertEqual(policy.with_user(self.user_manager).read(["name"])[0]["name"], policy.name)
        visible = as_assignee.search([])
        self.assertIn(policy, visible, "the renewal assigned to them")
        self.assertIn(own, visible, "their own sales, through the managers' rule")
        self.assertNotIn(
            policy, self.env["insurance.policy"].with_user(self.user_manager_2).search([])
        )
        with self.assertRaises(AccessError):
            policy.with_user(self.user_manager_2).read(["name"])
