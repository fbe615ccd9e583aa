import json
import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "insurance_security")
class TestBulkReadOverHttp(HttpCase):
    """A manager pages through the client list of the web client, 80 records
    a page, the way the list view does: with 10,000 clients visible, the
    hourly limit stops them after 2,000."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="bulk_manager",
            password="bulk_manager",
            name="Менеджер Постраничный",
            groups="insurance_broker.group_broker_manager",
        )
        cls.head = new_test_user(
            cls.env,
            login="bulk_head",
            password="bulk_head",
            name="Руководитель Постраничный",
            groups="insurance_broker.group_broker_head",
        )
        # 10,000 clients created by the manager: all visible to them. Plain SQL
        # keeps the setup to a second.
        cls.env.cr.execute(
            """
            INSERT INTO res_partner (name, complete_name, active, type, is_company,
                                     create_uid, write_uid, create_date, write_date)
            SELECT 'Пакетный клиент ' || g, 'Пакетный клиент ' || g, TRUE, 'contact', FALSE,
                   %(uid)s, %(uid)s, now() at time zone 'utc', now() at time zone 'utc'
              FROM generate_series(1, 10000) g
            """,
            {"uid": cls.manager.id},
        )
        cls.env.cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Пакетный клиент %%'"
        )
        cls.env.invalidate_all()
        cls.domain = [("name", "like", "Пакетный клиент")]

    def _page(self, offset, limit=80):
        return self.url_open(
            "/web/dataset/call_kw/res.partner/web_search_read",
            data=self._payload(offset, limit),
            headers={"Content-Type": "application/json"},
        ).json()

    def _payload(self, offset, limit):
        return json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": "res.partner",
                    "method": "web_search_read",
                    "args": [],
                    "kwargs": {
                        "domain": self.domain,
                        "specification": {"name": {}, "phone": {}},
                        "offset": offset,
                        "limit": limit,
                        "order": "id",
                    },
                },
            }
        )

    @mute_logger("odoo.http")
    def test_manager_cannot_page_past_the_hourly_limit(self):
        self.assertEqual(
            self.env["res.partner"].with_user(self.manager).search_count(self.domain), 10000
        )
        self.authenticate("bulk_manager", "bulk_manager")
        received, refusal = 0, None
        for offset in range(0, 10000, 80):
            answer = self._page(offset)
            if "error" in answer:
                refusal = answer["error"]
                break
            received += len(answer["result"]["records"])
        self.assertEqual(received, 2000, "exactly the hourly limit was delivered")
        self.assertIsNotNone(refusal)
        self.assertEqual(refusal["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn("2000", refusal["data"]["message"])
        # The audit row of the refusal is committed on a cursor of its own; in
        # an HttpCase every cursor shares the test's transaction, so the row is
        # rolled back with the refused request. tests/security checks the rows
        # against a real server.
        # a single client card is refused too until the hour has passed
        self.assertIn("error", self._page(0, limit=1))

    @mute_logger("odoo.http")
    def test_one_request_over_the_call_limit_is_refused(self):
        self.authenticate("bulk_manager", "bulk_manager")
        answer = self._page(0, limit=201)
        self.assertIn("error", answer)
        self.assertIn("200", answer["error"]["data"]["message"])
        self.assertEqual(len(self._page(0, limit=200)["result"]["records"]), 200)

    def test_head_is_not_limited(self):
        self.authenticate("bulk_head", "bulk_head")
        answer = self._page(0, limit=2500)
        self.assertEqual(len(answer["result"]["records"]), 2500)


@tagged("post_install", "-at_install", "insurance_security")
class TestExternalApiOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="rpc_manager",
            password="rpc_manager",
            groups="insurance_broker.group_broker_manager",
        )
        cls.head = new_test_user(
            cls.env,
            login="rpc_head",
            password="rpc_head",
            groups="insurance_broker.group_broker_head",
        )

    @mute_logger("odoo.http", "odoo.addons.base.models.res_users")
    def test_manager_refused_on_xmlrpc_head_allowed(self):
        db = self.env.cr.dbname
        self.assertFalse(self.xmlrpc_common.authenticate(db, "rpc_manager", "rpc_manager", {}))
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_object.execute_kw(
                db, self.manager.id, "rpc_manager", "res.partner", "search_read", [[]], {}
            )
        self.assertEqual(
            self.xmlrpc_common.authenticate(db, "rpc_head", "rpc_head", {}), self.head.id
        )
        partners = self.xmlrpc_object.execute_kw(
            db, self.head.id, "rpc_head", "res.partner", "search_read", [[]], {"limit": 2}
        )
        self.assertEqual(len(partners), 2)

    def test_manager_logs_in_to_the_web_client(self):
        self.authenticate("rpc_manager", "rpc_manager")
        response = self.url_open(
            "/web/session/get_session_info", data="{}", headers={"Content-Type": "application/json"}
        )
        self.assertEqual(response.json()["result"]["uid"], self.manager.id)


@tagged("post_install", "-at_install", "insurance_security")
class TestNestedReadsOverHttp(HttpCase):
    """Clients read in detail through another model (their phones through a
    list of deals) count against the limits like a list of clients."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="nested_manager",
            password="nested_manager",
            groups="insurance_broker.group_broker_manager",
        )
        cls.env["ir.config_parameter"].set_param("insurance_broker.bulk_read_call_limit", 5)
        for number in range(6):
            client = cls.env["res.partner"].create(
                {"name": f"Вложенный клиент {number}", "phone": f"+7916000000{number}"}
            )
            cls.env["crm.lead"].create(
                {
                    "name": f"Вложенная сделка {number}",
                    "type": "opportunity",
                    "partner_id": client.id,
                    "user_id": cls.manager.id,
                }
            )

    def _deals(self, partner_fields):
        return self.url_open(
            "/web/dataset/call_kw/crm.lead/web_search_read",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": "crm.lead",
                        "method": "web_search_read",
                        "args": [],
                        "kwargs": {
                            "domain": [("name", "like", "Вложенная сделка")],
                            "specification": {
                                "name": {},
                                "partner_id": {"fields": partner_fields},
                            },
                        },
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()

    @mute_logger("odoo.http")
    def test_clients_read_through_deals_are_counted(self):
        self.authenticate("nested_manager", "nested_manager")
        names_only = self._deals({"display_name": {}})
        self.assertEqual(len(names_only["result"]["records"]), 6)
        with_phones = self._deals({"display_name": {}, "phone": {}})
        self.assertIn("error", with_phones)
        self.assertIn("5", with_phones["error"]["data"]["message"])
