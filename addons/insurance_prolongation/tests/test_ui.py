from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from .common import load_russian_renewals


class ForeignEntryUiCase(HttpCase):
    """Data for static/tests/tours/foreign_policy_entry_tour.js."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # managers work in Russian: dates are typed dd.mm.yyyy
        load_russian_renewals(cls.env)
        cls.manager = new_test_user(
            cls.env,
            login="tour_renewal_manager",
            password="tour_renewal_manager",
            name="Tour Renewal Manager",
            lang="ru_RU",
            groups="insurance_broker.group_broker_manager,base.group_partner_manager",
        )
        cls.client = cls.env["res.partner"].create({"name": "Tour Foreign Client"})
        cls.insurer = cls.env["res.partner"].create(
            {"name": "Tour Foreign Insurer", "is_company": True}
        )
        cls.product = cls.env["insurance.product"].create(
            {"name": "Tour Foreign KASKO", "code": "TOUR-FOREIGN-KASKO"}
        )

    def _run_tour(self):
        self.start_tour(
            f"/odoo/contacts/{self.client.id}",
            "insurance_foreign_policy_entry_tour",
            login=self.manager.login,
        )
        policy = self.env["insurance.policy"].search([("partner_id", "=", self.client.id)])
        self.assertEqual(len(policy), 1)
        self.assertEqual(policy.origin, "foreign")
        self.assertEqual(policy.insurer_id, self.insurer)
        self.assertEqual(policy.product_id, self.product)
        self.assertEqual(policy.date_end, date(2027, 3, 31))
        self.assertEqual(policy.premium, 9500.0)


@tagged("post_install", "-at_install")
class TestForeignEntryUi(ForeignEntryUiCase):
    def test_foreign_policy_entry_tour(self):
        self._run_tour()


@tagged("post_install", "-at_install")
class TestForeignEntryUiMobile(ForeignEntryUiCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_foreign_policy_entry_tour_mobile(self):
        self._run_tour()
