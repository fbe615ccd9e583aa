from collections import Counter

from odoo.tests import tagged

from .common import RenewalCommon


@tagged("post_install", "-at_install")
class TestRenewalAssignment(RenewalCommon):
    """Who receives a renewal deal, per assignment mode."""

    def _policies(self, count, origin="own"):
        policies = self.Policy
        for index in range(count):
            policies |= self._ending_policy(self._days(1 + index), origin=origin)
        return policies

    def _assignees(self, policies):
        return [lead.user_id for lead in self._renewals_of(policies)]

    def test_original_seller(self):
        policy = self._ending_policy(self._days(5))
        policy.seller_id = self.user_manager_2
        self._run_cron()
        lead = self._renewals_of(policy)
        self.assertEqual(lead.user_id, self.user_manager_2)
        self.assertEqual(lead.seller_id, self.user_manager_2)
        self.assertEqual(lead.issuer_id, self.user_issuer)
        self.assertEqual(lead.activity_ids.user_id, self.user_manager_2)

    def test_original_issuer(self):
        self.company.renewal_assign_own = "issuer"
        policy = self._ending_policy(self._days(5))
        self._run_cron()
        self.assertEqual(self._renewals_of(policy).user_id, self.user_issuer)

    def test_fixed_user(self):
        self.company.write(
            {"renewal_assign_own": "user", "renewal_user_own_id": self.user_manager_3.id}
        )
        policies = self._policies(3)
        self._run_cron()
        self.assertEqual(set(self._assignees(policies)), {self.user_manager_3})

    def test_round_robin_is_fair_across_runs(self):
        rotation = self.user_manager | self.user_manager_2 | self.user_manager_3
        self.company.write(
            {"renewal_assign_own": "round_robin", "renewal_rr_user_own_ids": [(6, 0, rotation.ids)]}
        )
        first = self._policies(4)
        self._run_cron()
        counts = Counter(self._assignees(first))
        self.assertEqual(sorted(counts.values()), [1, 1, 2])
        # the next run continues the turn instead of starting again with the first user
        second = self.Policy
        for index in range(5):
            second |= self._ending_policy(self._days(10 + index))
        self._run_cron()
        counts = Counter(self._assignees(first | second))
        self.assertEqual(set(counts), set(rotation))
        self.assertEqual(sorted(counts.values()), [3, 3, 3])

    def test_round_robin_skips_departed_users(self):
        rotation = self.user_manager | self.user_manager_2
        self.company.write(
            {"renewal_assign_own": "round_robin", "renewal_rr_user_own_ids": [(6, 0, rotation.ids)]}
        )
        self.user_manager_2.active = False
        policies = self._policies(3)
        self._run_cron()
        self.assertEqual(set(self._assignees(policies)), {self.user_manager})

    def test_team_members_take_turns(self):
        team = self.env["crm.team"].create(
            {
                "name": "Команда пролонгаций",
                "company_id": self.company.id,
                "member_ids": [(6, 0, (self.user_manager_2 | self.user_manager_3).ids)],
            }
        )
        self.company.write(
            {"renewal_assign_foreign": "team", "renewal_assign_team_foreign_id": team.id}
        )
        policies = self._policies(4, origin="foreign")
        self._run_cron()
        counts = Counter(self._assignees(policies))
        self.assertEqual(dict(counts), {self.user_manager_2: 2, self.user_manager_3: 2})

    def test_archived_seller_falls_back(self):
        policy = self._ending_policy(self._days(5))
        self.user_manager.active = False
        self._run_cron()
        lead = self._renewals_of(policy)
        self.assertEqual(lead.user_id, self.user_head)
        self.assertEqual(lead.activity_ids.user_id, self.user_head)

    def test_seller_who_left_the_company_falls_back(self):
        policy = self._ending_policy(self._days(5))
        other = self.env["res.company"].create({"name": "Новое место работы"})
        self.user_manager.write({"company_ids": [(6, 0, other.ids)], "company_id": other.id})
        self._run_cron()
        self.assertEqual(self._renewals_of(policy).user_id, self.user_head)

    def test_unset_choices_fall_back(self):
        self.company.write({"renewal_assign_own": "user", "renewal_user_own_id": False})
        policy = self._ending_policy(self._days(5))
        rotation_policy = self._ending_policy(self._days(6), origin="foreign")
        self.company.write(
            {"renewal_assign_foreign": "round_robin", "renewal_rr_user_foreign_ids": [(5,)]}
        )
        self._run_cron()
        self.assertEqual(self._renewals_of(policy).user_id, self.user_head)
        self.assertEqual(self._renewals_of(rotation_policy).user_id, self.user_head)

    def test_no_usable_user_at_all(self):
        self.company.renewal_fallback_user_id = False
        self.user_manager.active = False
        policy = self._ending_policy(self._days(5))
        self._run_cron()
        lead = self._renewals_of(policy)
        self.assertEqual(len(lead), 1, "the deal is created, unassigned, for the head to dispatch")
        self.assertFalse(lead.user_id)
        self.assertFalse(lead.activity_ids)
