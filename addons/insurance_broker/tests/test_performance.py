from odoo.tests import tagged, users, warmup

from .common import InsuranceBrokerCommon


@tagged("insurance_broker", "insurance_broker_perf")
class TestPolicyPerformance(InsuranceBrokerCommon):
    """Importing a register or saving a deal creates many policies at once:
    the cost must not grow with each policy."""

    def _batch_values(self, size):
        insurers = self.insurer_a + self.insurer_b
        products = self.product_osago + self.product_kasko + self.product_travel
        values = []
        for index in range(size):
            product = products[index % len(products)]
            values.append(
                self._policy_values(
                    insurer_id=insurers[index % len(insurers)].id,
                    product_id=product.id,
                    lead_id=self.deal.id,
                    seller_id=self.user_manager.id,
                    issuer_id=self.user_issuer.id,
                    premium=1000.0 + index,
                    vehicle_plate="А%03dВС77" % (index + 1) if product.is_vehicle else False,
                )
            )
        return values

    def _count_create_queries(self, size):
        Policy = self.env["insurance.policy"].with_user(self.user_manager)
        values = self._batch_values(size)
        self.env.flush_all()
        self.env.invalidate_all()
        count_before = self.env.cr.sql_log_count
        policies = Policy.create(values)
        self.env.flush_all()
        count = self.env.cr.sql_log_count - count_before
        self.assertEqual(len(policies), size)
        return count

    @warmup
    def test_batch_create_does_not_query_per_policy(self):
        twenty = self._count_create_queries(20)
        one = self._count_create_queries(1)
        if not self.warm:
            return  # the first run only fills the caches
        self.assertLess(
            twenty,
            1.5 * one,
            "Creating 20 policies took %s queries, creating 1 took %s." % (twenty, one),
        )

    @users("ib_manager")
    @warmup
    def test_batch_create_query_budget(self):
        values = self._batch_values(20)
        # 19 when written: reads of the related records, one rule search, the
        # rule check of the linked clients and deals (one query for the whole
        # batch), the insert, followers, the creation message and the deal totals.
        with self.assertQueryCount(ib_manager=21):
            self.env["insurance.policy"].create(values)
