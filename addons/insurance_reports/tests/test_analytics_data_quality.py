from odoo.tests import tagged

from .common import InsuranceAnalyticsCommon


@tagged("post_install", "-at_install")
class TestDataQuality(InsuranceAnalyticsCommon):
    """Manager: ТехноСофт (complete), Транзит (phone; INN «не указан» is no INN),
    Иванов (e-mail, personal data consent; ОСАГО without plate); lost d2 has its reason.
    Manager 2: Ковалёв (mobile; ОСАГО with plate), Иванов (through the March
    ОСАГО); lost d5 has no reason."""

    SHARES = ["phone_share", "email_share", "inn_share", "consent_share", "vehicle_share",
              "objection_share", "score"]  # fmt: skip

    def _quality(self, user=None):
        return self._by(
            self._groups(
                "insurance.data.quality.report",
                ["user_id"],
                [f"{share}:avg" for share in self.SHARES],
                [("user_id", "in", (self.user_manager | self.user_manager_2).ids)],
                user=user,
            ),
            "user_id",
        )

    def test_shares_per_manager(self):
        groups = self._quality()
        mine = groups[self.user_manager.id]
        self.assertEqual(
            [mine[share] for share in self.SHARES], [66.7, 66.7, 33.3, 66.7, 0.0, 100.0, 55.6]
        )
        other = groups[self.user_manager_2.id]
        self.assertEqual(
            [other[share] for share in self.SHARES], [50.0, 50.0, 0.0, 50.0, 50.0, 0.0, 33.3]
        )

    def test_completing_a_card_raises_the_score(self):
        self.client.write({"phone": "+7 916 555-00-11", "vat": "500100732259",
                           "sms_consent": True})  # fmt: skip
        mine = self._quality()[self.user_manager.id]
        self.assertEqual(mine["phone_share"], 100.0)
        self.assertEqual(mine["inn_share"], 66.7)
        self.assertEqual(mine["consent_share"], 66.7)

    def test_vehicle_criterion_only_for_vehicle_clients(self):
        self.env.flush_all()
        rows = self.env["insurance.data.quality.report"].search(
            [("user_id", "=", self.user_manager.id), ("kind", "=", "client")]
        )
        by_client = {row.partner_id: row for row in rows}
        self.assertEqual(by_client[self.client_it].vehicle_client_count, 0)
        self.assertEqual(by_client[self.client_it].score, 100.0)
        self.assertEqual(by_client[self.client].vehicle_client_count, 1)
        self.assertEqual(by_client[self.client].vehicle_ok, 0)
        self.p_osago.vehicle_vin = "XW7ZGA8U4MZ550203"
        self.env.flush_all()
        self.assertEqual(self._quality()[self.user_manager.id]["vehicle_share"], 100.0)

    def test_objections_logged(self):
        self.d5.lost_reason_id = self.reason_price
        self.assertEqual(self._quality()[self.user_manager_2.id]["objection_share"], 100.0)

    def test_manager_sees_own_clients_only(self):
        groups = self._quality(user=self.user_manager_2)
        self.assertEqual(set(groups), {self.user_manager_2.id})
        self.assertEqual(groups[self.user_manager_2.id]["score"], 33.3)
