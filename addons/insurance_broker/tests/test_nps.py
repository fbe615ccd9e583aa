from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import InsuranceBrokerCommon


@tagged("post_install", "-at_install")
class TestNps(InsuranceBrokerCommon):
    """NPS answers: categories, NPS per manager and product, the client card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_2 = cls.env["res.partner"].create({"name": "Петрова Анна"})
        cls.env["crm.lead"].create(
            {
                "name": "КАСКО для Петровой",
                "type": "opportunity",
                "partner_id": cls.client_2.id,
                "user_id": cls.user_manager_2.id,
                "company_id": cls.company.id,
            }
        )

    def _answer(self, score, partner=None, user=None, product=None, **values):
        return self.env["insurance.nps.response"].create(
            {
                "partner_id": (partner or self.client).id,
                "score": score,
                "user_id": (user or self.user_manager).id,
                "product_id": (product or self.product_osago).id,
                **values,
            }
        )

    def test_category_thresholds(self):
        expected = {
            0: "detractor",
            6: "detractor",
            7: "passive",
            8: "passive",
            9: "promoter",
            10: "promoter",
        }
        for score, category in expected.items():
            answer = self._answer(score)
            self.assertEqual(answer.category, category, score)
            self.assertEqual(
                answer.nps_value, {"promoter": 100, "passive": 0, "detractor": -100}[category]
            )

    def test_score_out_of_range_refused(self):
        for score in (-1, 11):
            with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
                with self.cr.savepoint():
                    self._answer(score)

    def test_nps_per_manager_and_product(self):
        # manager 1, ОСАГО: 2 promoters, 1 passive, 1 detractor -> (2 - 1) / 4 = 25 %
        for score in (10, 9, 7, 3):
            self._answer(score)
        # manager 1, КАСКО: 1 detractor -> -100
        self._answer(5, product=self.product_kasko)
        # manager 2, ОСАГО: 1 promoter, 1 passive -> 50
        self._answer(9, partner=self.client_2, user=self.user_manager_2)
        self._answer(8, partner=self.client_2, user=self.user_manager_2)
        Response = self.env["insurance.nps.response"]
        domain = [("partner_id", "in", (self.client | self.client_2).ids)]
        by_manager = dict(Response._read_group(domain, ["user_id"], ["nps_value:avg"]))
        # manager 1 overall: 2 promoters, 1 passive, 2 detractors of 5 -> 0
        self.assertAlmostEqual(by_manager[self.user_manager], 0.0)
        self.assertAlmostEqual(by_manager[self.user_manager_2], 50.0)
        by_both = {
            (user, product): nps
            for user, product, nps in Response._read_group(
                domain, ["user_id", "product_id"], ["nps_value:avg"]
            )
        }
        self.assertAlmostEqual(by_both[self.user_manager, self.product_osago], 25.0)
        self.assertAlmostEqual(by_both[self.user_manager, self.product_kasko], -100.0)
        # the public read_group of the pivot uses the field's aggregator: avg
        groups = Response.read_group(domain, ["nps_value"], ["product_id"])
        by_product = {g["product_id"][0]: g["nps_value"] for g in groups}
        self.assertAlmostEqual(by_product[self.product_osago.id], (3 - 1) / 6 * 100)

    def test_client_card(self):
        self.assertEqual(self.client.nps_response_count, 0)
        self._answer(3, date=self._days(-30))
        self._answer(10, date=self._days(-1))
        self.client.invalidate_recordset(["nps_last_score", "nps_score", "nps_response_count"])
        self.assertEqual(self.client.nps_last_score, 10)
        self.assertEqual(self.client.nps_score, 0.0)  # one promoter, one detractor
        self.assertEqual(self.client.nps_response_count, 2)

    def test_defaults_from_policy(self):
        policy = self._create_policy(
            seller_id=self.user_manager_2.id, product_id=self.product_kasko.id
        )
        answer = self.env["insurance.nps.response"].create(
            {"partner_id": self.client.id, "score": 9, "policy_id": policy.id}
        )
        self.assertEqual(answer.user_id, self.user_manager_2)
        self.assertEqual(answer.product_id, self.product_kasko)

    def test_record_rules(self):
        mine = self._answer(9)
        theirs = self._answer(4, partner=self.client_2, user=self.user_manager_2)
        found = self.env["insurance.nps.response"].with_user(self.user_manager).search([])
        self.assertIn(mine, found)
        self.assertNotIn(theirs, found)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_manager).read(["score"])
        found = self.env["insurance.nps.response"].with_user(self.user_head).search([])
        self.assertTrue(mine | theirs <= found)

    def test_import(self):
        """The head imports answers with Odoo's standard import (columns of USAGE.md)."""
        Response = self.env["insurance.nps.response"].with_user(self.user_head)
        result = Response.load(
            ["partner_id", "date", "score", "user_id", "product_id/.id", "comment"],
            [
                [
                    self.client.name,
                    "2025-03-01",
                    "10",
                    self.user_manager.name,
                    str(self.product_osago.id),
                    "Спасибо",
                ],
                [
                    self.client.name,
                    "2025-03-02",
                    "4",
                    self.user_manager.name,
                    str(self.product_kasko.id),
                    "",
                ],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        answers = Response.browse(result["ids"])
        self.assertEqual(answers.mapped("category"), ["promoter", "detractor"])
        self.assertEqual(answers.product_id, self.product_osago | self.product_kasko)

    def test_import_bad_score_loses_nothing(self):
        Response = self.env["insurance.nps.response"].with_user(self.user_head)
        before = Response.search_count([])
        with mute_logger("odoo.sql_db"):
            result = Response.load(
                ["partner_id", "date", "score"],
                [[self.client.name, "2025-03-01", "12"]],
            )
        self.assertTrue(result["messages"])
        self.assertFalse(result["ids"])
        self.assertEqual(Response.search_count([]), before)
