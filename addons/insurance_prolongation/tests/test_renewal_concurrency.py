from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestOverlappingRuns(BaseCase):
    """Two renewal runs on two database connections at once, on committed data:
    the one holding a policy creates its deal, the other skips it, and a run
    with an older snapshot is stopped by the unique index."""

    def setUp(self):
        super().setUp()
        # real connections, not the test transaction: both runs must see committed data
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            today = fields.Date.context_today(env["insurance.policy"])
            insurer = env["res.partner"].create(
                {"name": "СК «Параллель»", "is_company": True, "is_insurer": True}
            )
            product = env["insurance.product"].create(
                {"name": "Параллельное КАСКО", "code": "T-PARALLEL"}
            )
            client = env["res.partner"].create({"name": "Клиент Параллельный"})
            policy = env["insurance.policy"].create(
                {
                    "name": "ПАР 0000000001",
                    "partner_id": client.id,
                    "insurer_id": insurer.id,
                    "product_id": product.id,
                    "state": "active",
                    "date_sale": today - timedelta(days=355),
                    "date_start": today - timedelta(days=355),
                    "date_end": today + timedelta(days=10),
                    "premium": 1000,
                }
            )
            self.ids = {
                "insurer": insurer.id,
                "product": product.id,
                "client": client.id,
                "policy": policy.id,
            }
            self.today = today
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["crm.lead"].search([("renewal_policy_id", "=", self.ids["policy"])]).unlink()
            policy = env["insurance.policy"].browse(self.ids["policy"])
            policy.state = "draft"
            policy.unlink()
            env["insurance.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse([self.ids["client"], self.ids["insurer"]]).unlink()

    def _run(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        policy = env["insurance.policy"].browse(self.ids["policy"])
        return policy.with_company(policy.company_id)._create_renewal_leads(self.today)

    def _count_leads(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM crm_lead WHERE renewal_policy_id = %s", [self.ids["policy"]]
            )
            return cr.fetchone()[0]

    def test_overlapping_runs_create_one_deal(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            first = self._run(cr1)
            self.assertEqual(len(first), 1)
            # the second run meets the policy locked by the first: it skips it
            # instead of waiting or creating a duplicate
            second = self._run(cr2)
            self.assertFalse(second)
            cr1.commit()
            # cr2's snapshot predates cr1's commit: the unique index refuses the
            # duplicate and the run goes on without it
            with mute_logger("odoo.sql_db"):
                late = self._run(cr2)
            self.assertFalse(late)
            cr2.commit()
        self.assertEqual(self._count_leads(), 1)
