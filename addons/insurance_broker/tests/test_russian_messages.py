import json
import re

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import InsuranceBrokerCommon, load_russian

CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]{4,}")


@tagged("post_install", "-at_install")
class TestRussianMessages(InsuranceBrokerCommon):
    """Managers work in Russian: what they are told when they type something
    wrong must be in Russian, and nothing must be saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_russian(cls.env)
        cls.policy = cls._create_policy(product_id=cls.product_osago.id, vehicle_plate="А123ВС77")
        cls.policy_ru = cls.policy.with_context(lang="ru_RU")

    def assertRussianError(self, exception_class, action):
        policy_count = self.env["insurance.policy"].search_count([])
        with self.assertRaises(exception_class) as caught:
            with self.env.cr.savepoint():
                action()
        message = str(caught.exception.args[0])
        self.assertRegex(message, CYRILLIC_WORD, f"not in Russian: {message}")
        self.assertEqual(self.env["insurance.policy"].search_count([]), policy_count)
        return message

    def test_end_before_start_in_russian(self):
        message = self.assertRussianError(
            ValidationError,
            lambda: self.policy_ru.write({"date_start": self._days(10), "date_end": self._days(5)}),
        )
        self.assertIn(self.policy.name, message)
        self.assertEqual(self.policy.date_start, self.today)

    def test_negative_premium_in_russian(self):
        self.assertRussianError(ValidationError, lambda: self.policy_ru.write({"premium": -1}))
        self.assertEqual(self.policy.premium, 10000.0)

    def test_rate_out_of_range_in_russian(self):
        self.assertRussianError(
            ValidationError, lambda: self.policy_ru.write({"commission_rate": 150})
        )

    def test_malformed_vin_in_russian(self):
        message = self.assertRussianError(
            ValidationError, lambda: self.policy_ru.write({"vehicle_vin": "XTA21099OY27654"})
        )
        self.assertIn("VIN", message)
        self.assertFalse(self.policy.vehicle_vin)

    def test_malformed_plate_in_russian(self):
        self.assertRussianError(
            ValidationError, lambda: self.policy_ru.write({"vehicle_plate": "QQ123"})
        )
        self.assertEqual(self.policy.vehicle_plate, "А123ВС77")

    def test_invalid_inn_in_russian(self):
        self.assertRussianError(
            ValidationError,
            lambda: self.client.with_context(lang="ru_RU").write({"vat": "7707083894"}),
        )

    def test_deleting_a_policy_in_force_in_russian(self):
        self.policy.action_activate()
        self.assertRussianError(UserError, self.policy_ru.unlink)
        self.assertTrue(self.policy.exists())

    def test_invalid_phone_warning_in_russian(self):
        partner = self.env["res.partner"].with_context(lang="ru_RU").new({"phone": "12345"})
        result = partner._onchange_phone_normalize()
        self.assertRegex(result["warning"]["message"], CYRILLIC_WORD)
        self.assertEqual(partner.phone, "12345", "the number is kept as typed")


@tagged("post_install", "-at_install")
class TestRussianMessagesOverHttp(HttpCase):
    """What the web client shows when the database refuses a duplicate: the
    constraint's message, in Russian, and no second policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_russian(cls.env)
        cls.manager = new_test_user(
            cls.env,
            login="ru_http_manager",
            password="ru_http_manager",
            lang="ru_RU",
            groups="insurance_broker.group_broker_manager",
        )
        cls.insurer = cls.env["res.partner"].create(
            {"name": "СК Дубль", "is_company": True, "is_insurer": True}
        )
        cls.product = cls.env["insurance.product"].create({"name": "ОСАГО-дубль"})
        cls.client = cls.env["res.partner"].create({"name": "Клиент Дублев"})
        cls.policy_values = {
            "name": "ХХХ 0000000777",
            "partner_id": cls.client.id,
            "insurer_id": cls.insurer.id,
            "product_id": cls.product.id,
            "premium": 7000,
        }
        cls.env["insurance.policy"].create(cls.policy_values)
        # the manager's own new client (a manager cannot link a policy to
        # another manager's client): the number is taken by someone else's
        cls.own_client = cls.env["res.partner"].create({"name": "Клиент Новиков"})

    @mute_logger("odoo.sql_db", "odoo.http")
    def test_duplicate_number_refused_in_russian(self):
        self.authenticate("ru_http_manager", "ru_http_manager")
        response = self.url_open(
            "/web/dataset/call_kw/insurance.policy/create",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "insurance.policy",
                        "method": "create",
                        # typed differently: the number is normalized first
                        "args": [
                            [
                                {
                                    **self.policy_values,
                                    "name": "ххх  0000000777",
                                    "partner_id": self.own_client.id,
                                }
                            ]
                        ],
                        "kwargs": {"context": {"lang": "ru_RU"}},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        error = response.json().get("error")
        self.assertTrue(error, "the server must refuse the duplicate")
        self.assertIn("уже есть полис", error["data"]["message"])
        self.assertEqual(
            self.env["insurance.policy"].search_count([("insurer_id", "=", self.insurer.id)]), 1
        )
