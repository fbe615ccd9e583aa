import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import InsuranceBrokerCommon, load_russian

CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]{4,}")


@tagged("post_install", "-at_install", "insurance_security")
class TestSecurityCommon(InsuranceBrokerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_russian(cls.env)
        (cls.user_manager | cls.user_manager_2 | cls.user_head | cls.user_accountant).lang = "ru_RU"
        Partner = cls.env["res.partner"]
        # the deal of the common data belongs to user_manager (issuer: user_issuer)
        cls.client_other = Partner.create({"name": "Петров Пётр (клиент Михаила)"})
        cls.deal_other = cls.env["crm.lead"].create(
            {
                "name": "КАСКО для Петрова",
                "type": "opportunity",
                "partner_id": cls.client_other.id,
                "user_id": cls.user_manager_2.id,
                "seller_id": cls.user_manager_2.id,
                "company_id": cls.company.id,
            }
        )
        cls.policy_own = cls._create_policy(
            lead_id=cls.deal.id, seller_id=cls.user_manager.id, issuer_id=cls.user_issuer.id
        )
        cls.policy_other = cls._create_policy(
            partner_id=cls.client_other.id,
            lead_id=cls.deal_other.id,
            seller_id=cls.user_manager_2.id,
            issuer_id=False,
        )
        # a policy sold by manager 2 on a deal where user_manager is responsible
        cls.policy_on_own_deal = cls._create_policy(
            lead_id=cls.deal.id, seller_id=cls.user_manager_2.id, issuer_id=False
        )

    def refused(self, action, exception=AccessError):
        """Run ``action`` expecting a refusal; return the message. No savepoint:
        the audit row written on refusal must be checked afterwards."""
        try:
            action()
        except exception as exc:
            return str(exc.args[0]) if exc.args else ""
        self.fail("the action was not refused")

    def last_log(self, user):
        return self.env["insurance.audit.log"].search([("user_id", "=", user.id)], limit=1)


@tagged("post_install", "-at_install", "insurance_security")
class TestRecordRules(TestSecurityCommon):
    def test_manager_sees_own_deals_only(self):
        leads = self.env["crm.lead"].with_user(self.user_manager).search([])
        self.assertIn(self.deal, leads)
        self.assertNotIn(self.deal_other, leads)
        issuer_leads = self.env["crm.lead"].with_user(self.user_issuer).search([])
        self.assertIn(self.deal, issuer_leads, "the issuer of a deal sees it")

    def test_manager_sees_policies_as_seller_issuer_or_deal_responsible(self):
        policies = self.env["insurance.policy"].with_user(self.user_manager).search([])
        self.assertIn(self.policy_own, policies)
        self.assertIn(self.policy_on_own_deal, policies)
        self.assertNotIn(self.policy_other, policies)
        issuer_policies = self.env["insurance.policy"].with_user(self.user_issuer).search([])
        self.assertIn(self.policy_own, issuer_policies)
        manager_2_policies = self.env["insurance.policy"].with_user(self.user_manager_2).search([])
        self.assertIn(self.policy_on_own_deal, manager_2_policies)
        self.assertNotIn(self.policy_own, manager_2_policies)

    def test_manager_cannot_open_another_managers_client(self):
        Partner = self.env["res.partner"].with_user(self.user_manager)
        visible = Partner.search([])
        self.assertIn(self.client, visible)
        self.assertNotIn(self.client_other, visible)
        with self.assertRaises(AccessError):
            Partner.browse(self.client_other.id).read(["phone"])
        with self.assertRaises(AccessError):
            self.policy_other.with_user(self.user_manager).read(["premium"])

    def test_insurers_users_company_and_own_new_clients_stay_visible(self):
        Partner = self.env["res.partner"].with_user(self.user_manager)
        new_client = Partner.create({"name": "Новый клиент Марии"})
        visible = Partner.search([])
        for partner in (
            self.insurer_a,
            self.insurer_b,
            self.user_manager_2.partner_id,
            self.company.partner_id,
            new_client,
        ):
            self.assertIn(partner, visible, partner.name)

    def test_contact_of_a_company_client_follows_the_company(self):
        company_client = self.env["res.partner"].create(
            {"name": "ООО «Вектор»", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Бухгалтер Вектора", "parent_id": company_client.id}
        )
        self._create_policy(partner_id=company_client.id, seller_id=self.user_manager_2.id)
        self.assertFalse(
            self.env["res.partner"].with_user(self.user_manager).search([("id", "=", contact.id)])
        )
        self.assertTrue(
            self.env["res.partner"].with_user(self.user_manager_2).search([("id", "=", contact.id)])
        )

    def test_head_and_accountant_see_everything(self):
        for user in (self.user_head, self.user_accountant):
            policies = self.env["insurance.policy"].with_user(user).search([])
            self.assertTrue(
                (self.policy_own | self.policy_other | self.policy_on_own_deal) <= policies
            )
            partners = self.env["res.partner"].with_user(user).search([])
            self.assertIn(self.client_other, partners)
        self.assertIn(self.deal_other, self.env["crm.lead"].with_user(self.user_head).search([]))

    def test_same_phone_reveals_only_existence_and_responsible(self):
        self.client_other.phone = "+7 916 417 52 93"
        with Form(self.env["res.partner"].with_user(self.user_manager)) as form:
            form.name = "Петров П."
            form.phone = "8 916 417-52-93"
            warning = form.same_phone_warning
        self.assertIn(self.user_manager_2.name, warning)
        self.assertNotIn(self.client_other.name, warning)
        self.assertRegex(warning, CYRILLIC_WORD)
        duplicate = self.env["res.partner"].search([("name", "=", "Петров П.")])
        with self.assertRaises(AccessError):
            duplicate.with_user(self.user_manager).read(["same_phone_partner_id"])
        # the head sees which client it is
        self.assertEqual(
            duplicate.with_user(self.user_head).same_phone_partner_id, self.client_other
        )


@tagged("post_install", "-at_install", "insurance_security")
class TestExportRight(TestSecurityCommon):
    def test_new_manager_has_no_export_right_head_and_accountant_have(self):
        export = self.env.ref("base.group_allow_export")
        self.assertFalse(self.user_manager.has_group("base.group_allow_export"))
        self.assertTrue(self.user_head.has_group("base.group_allow_export"))
        self.assertTrue(self.user_accountant.has_group("base.group_allow_export"))
        # the user form proposes the default groups: the export right is not among them
        self.assertIn(export, self.env.ref("base.default_user").groups_id)
        defaults = self.env["res.users"].default_get(["groups_id"])["groups_id"]
        default_ids = {gid for command in defaults for gid in command[2]}
        self.assertNotIn(export.id, default_ids)
        self.assertIn(self.env.ref("base.group_user").id, default_ids)
        # created without groups, then made a manager
        user = self.env["res.users"].create({"name": "Новый менеджер", "login": "ib_new_mgr"})
        user.groups_id = [(4, self.env.ref("insurance_broker.group_broker_manager").id)]
        self.assertFalse(user.has_group("base.group_allow_export"))
        self.assertTrue(user._insurance_is_export_restricted())

    def test_administrator_can_grant_export_per_user(self):
        export = self.env.ref("base.group_allow_export")
        self.user_manager_2.groups_id = [(4, export.id)]
        self.assertTrue(self.user_manager_2._insurance_can_export())
        granted_at_creation = self.env["res.users"].create(
            {
                "name": "Менеджер с правом выгрузки",
                "login": "ib_manager_export",
                "groups_id": [
                    (6, 0, [self.env.ref("insurance_broker.group_broker_manager").id, export.id])
                ],
            }
        )
        self.assertTrue(granted_at_creation.has_group("base.group_allow_export"))

    def test_manager_export_refused_in_russian_logged_and_head_notified(self):
        Log = self.env["insurance.audit.log"].with_user(self.user_manager)
        message = self.refused(lambda: Log._check_export("web_export_csv", "res.partner", 350))
        self.assertRegex(message, CYRILLIC_WORD)
        log = self.last_log(self.user_manager)
        self.assertRecordValues(
            log,
            [
                {
                    "outcome": "refused",
                    "channel": "web_export_csv",
                    "res_model": "res.partner",
                    "record_count": 350,
                }
            ],
        )
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "insurance.audit.log"), ("res_id", "=", log.id)]
        )
        self.assertIn(self.user_head, activity.user_id)
        self.assertIn(self.user_manager.name, activity[0].summary)
        # a second refusal the same day does not bury the head in to-dos
        self.refused(lambda: Log._check_export("export_data", "insurance.policy", 3))
        second = self.last_log(self.user_manager)
        self.assertNotEqual(second, log)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "insurance.audit.log"), ("res_id", "=", second.id)]
            )
        )

    def test_orm_export_data_refused_for_manager_allowed_for_head(self):
        partners = self.client | self.insurer_a
        self.refused(lambda: partners.with_user(self.user_manager).export_data(["name"]))
        self.assertEqual(self.last_log(self.user_manager).channel, "export_data")
        rows = self.client.with_user(self.user_head).export_data(["name"])["datas"]
        self.assertEqual(rows, [[self.client.name]])
        log = self.last_log(self.user_head)
        self.assertRecordValues(
            log, [{"outcome": "allowed", "res_model": "res.partner", "record_count": 1}]
        )

    def test_audit_log_is_immutable_and_hidden_from_managers(self):
        self.env["insurance.audit.log"]._check_export("export_data", "res.partner", 5)
        log = self.last_log(self.env.user)
        with self.assertRaises(UserError):
            log.write({"record_count": 0})
        with self.assertRaises(UserError):
            log.unlink()
        with self.assertRaises(AccessError):
            self.env["insurance.audit.log"].with_user(self.user_manager).search([])
        with self.assertRaises(AccessError):
            self.env["insurance.audit.log"].with_user(self.user_head).create(
                {"outcome": "allowed", "channel": "report", "user_id": self.user_head.id}
            )
        self.assertTrue(self.env["insurance.audit.log"].with_user(self.user_head).search([]))

    def test_printing_clients_refused_for_manager(self):
        view = self.env["ir.ui.view"].create(
            {
                "name": "insurance_broker.test_client_list",
                "type": "qweb",
                "key": "insurance_broker.test_client_list",
                "arch": '<t t-name="insurance_broker.test_client_list">'
                '<div t-foreach="docs" t-as="o"><span t-out="o.name"/></div></t>',
            }
        )
        report = self.env["ir.actions.report"].create(
            {
                "name": "Список клиентов",
                "model": "res.partner",
                "report_type": "qweb-html",
                "report_name": view.key,
            }
        )
        Report = self.env["ir.actions.report"]
        self.refused(
            lambda: Report.with_user(self.user_manager)._render_qweb_html(
                report.id, self.client.ids
            )
        )
        self.assertEqual(self.last_log(self.user_manager).channel, "report")
        html = Report.with_user(self.user_head)._render_qweb_html(report.id, self.client.ids)[0]
        self.assertIn(self.client.name, html.decode())


@tagged("post_install", "-at_install", "insurance_security")
class TestExternalApi(TestSecurityCommon):
    def test_manager_cannot_create_api_keys(self):
        description = (
            self.env["res.users.apikeys.description"]
            .with_user(self.user_manager)
            .create({"name": "ключ", "expiration_date": fields.Datetime.now() + timedelta(days=1)})
        )
        message = self.refused(description.check_access_make_key)
        self.assertRegex(message, CYRILLIC_WORD)
        self.assertEqual(self.last_log(self.user_manager).channel, "api_key")
        head_description = (
            self.env["res.users.apikeys.description"]
            .with_user(self.user_head)
            .create({"name": "key", "expiration_date": fields.Datetime.now() + timedelta(days=1)})
        )
        head_description.check_access_make_key()

    def test_manager_api_key_is_not_accepted(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.user_manager)
            .sudo()
            ._generate(None, "ключ", fields.Datetime.now() + timedelta(days=1))
        )
        Keys = self.env["res.users.apikeys"]
        self.assertIsNone(Keys._check_credentials(scope="rpc", key=key))
        self.assertEqual(self.last_log(self.user_manager).channel, "api_key")
        head_key = (
            self.env["res.users.apikeys"]
            .with_user(self.user_head)
            .sudo()
            ._generate(None, "key", fields.Datetime.now() + timedelta(days=1))
        )
        self.assertEqual(Keys._check_credentials(scope="rpc", key=head_key), self.user_head.id)

    def test_manager_password_not_checked_for_server_side_code(self):
        """Only the external API is closed: a non-interactive check outside an
        HTTP request (server code, tests) is not the external API."""
        credential = {
            "login": self.user_manager.login,
            "password": self.user_manager.login,
            "type": "password",
        }
        Users = self.env["res.users"].with_user(self.user_manager)
        Users._check_credentials(credential, {"interactive": False})
        Users._check_credentials(credential, {"interactive": True})


@tagged("post_install", "-at_install", "insurance_security")
class TestBulkReadQuota(TestSecurityCommon):
    def setUp(self):
        super().setUp()
        ICP = self.env["ir.config_parameter"]
        ICP.set_param("insurance_broker.bulk_read_call_limit", 5)
        ICP.set_param("insurance_broker.bulk_read_hour_limit", 12)

    def test_limits_per_call_and_per_hour(self):
        Quota = self.env["insurance.read.quota"].with_user(self.user_manager)
        message = self.refused(lambda: Quota._consume("res.partner", 6))
        self.assertRegex(message, CYRILLIC_WORD)
        self.assertEqual(self.last_log(self.user_manager).reason, "limit per call")
        Quota._consume("res.partner", 5)
        Quota._consume("insurance.policy", 5)
        self.refused(lambda: Quota._consume("res.partner", 5))
        self.assertEqual(self.last_log(self.user_manager).reason, "limit per hour")
        Quota._consume("res.partner", 2)
        self.refused(lambda: Quota._consume("res.partner", 1))
        # autocompletes are limited per call only
        Quota._consume("res.partner", 5, count_hourly=False)
        # other models, the head and other users are not limited
        Quota._consume("crm.lead", 500)
        self.env["insurance.read.quota"].with_user(self.user_head)._consume("res.partner", 500)
        self.env["insurance.read.quota"].with_user(self.user_manager_2)._consume("res.partner", 5)

    def test_usage_older_than_an_hour_is_forgotten(self):
        Quota = self.env["insurance.read.quota"]
        Quota.create(
            {
                "user_id": self.user_manager.id,
                "res_model": "res.partner",
                "record_count": 12,
                "date": fields.Datetime.now() - timedelta(minutes=61),
            }
        )
        Quota.with_user(self.user_manager)._consume("res.partner", 5)

    def test_limits_are_settings(self):
        settings = self.env["res.config.settings"].create(
            {"insurance_bulk_read_call_limit": 150, "insurance_bulk_read_hour_limit": 1500}
        )
        settings.execute()
        self.assertEqual(self.env["insurance.read.quota"]._limits(), (150, 1500))


@tagged("post_install", "-at_install", "insurance_security")
class TestPolicyTermLog(TestSecurityCommon):
    def test_changes_of_an_active_policy_are_logged(self):
        self.policy_own.action_activate()
        self.policy_own.with_user(self.user_manager).write(
            {"premium": 12500.0, "insurer_id": self.insurer_b.id}
        )
        logs = self.env["insurance.policy.term.log"].search(
            [("policy_id", "=", self.policy_own.id)]
        )
        by_field = {log.field_name: log for log in logs}
        self.assertEqual(by_field["premium"].old_value, "10000.00")
        self.assertEqual(by_field["premium"].new_value, "12500.00")
        self.assertEqual(by_field["premium"].user_id, self.user_manager)
        self.assertEqual(by_field["insurer_id"].old_value, self.insurer_a.name)
        self.assertEqual(by_field["insurer_id"].new_value, self.insurer_b.name)
        # the rate follows the insurer: its change is logged too
        self.assertIn("commission_rate", by_field)
        # the head and the accountant see them on the policy
        self.assertEqual(self.policy_own.with_user(self.user_accountant).term_log_ids, logs)
        with self.assertRaises(UserError):
            logs[0].write({"new_value": "0"})
        with self.assertRaises(UserError):
            logs.unlink()
        with self.assertRaises(AccessError):
            self.env["insurance.policy.term.log"].with_user(self.user_manager).search([])

    def test_draft_policy_changes_are_not_logged(self):
        self.policy_own.write({"premium": 500.0, "date_start": self._days(3)})
        self.assertFalse(
            self.env["insurance.policy.term.log"].search([("policy_id", "=", self.policy_own.id)])
        )


@tagged("post_install", "-at_install", "insurance_security")
class TestClientDataModels(TestSecurityCommon):
    """Complaints, NPS answers, discount approvals and checklists (issue 7):
    a manager reaches another manager's client through none of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Complaint = cls.env["insurance.complaint"]
        Nps = cls.env["insurance.nps.response"]
        cls.complaint_own = Complaint.create(
            {"name": "Долго ждал полис", "partner_id": cls.client.id}
        )
        cls.complaint_other = Complaint.create(
            {"name": "Грубый менеджер", "partner_id": cls.client_other.id}
        )
        cls.nps_own = Nps.create({"partner_id": cls.client.id, "score": 9})
        cls.nps_other = Nps.create(
            {"partner_id": cls.client_other.id, "score": 3, "policy_id": cls.policy_other.id}
        )

    def test_manager_sees_complaints_and_nps_of_own_clients_only(self):
        for own, other in (
            (self.complaint_own, self.complaint_other),
            (self.nps_own, self.nps_other),
        ):
            visible = own.with_user(self.user_manager).search([])
            self.assertIn(own, visible)
            self.assertNotIn(other, visible)
            self.assertIn(other, other.with_user(self.user_manager_2).search([]))
            for user in (self.user_head, self.user_accountant):
                self.assertTrue(own | other <= own.with_user(user).search([]))
            with self.assertRaises(AccessError):
                other.with_user(self.user_manager).read(["partner_id"])

    def test_manager_cannot_link_a_record_to_another_managers_client(self):
        """Otherwise typing ids on a record of their own would show the names
        of the whole client base (a many2one shows its name to any reader)."""
        attempts = (
            ("insurance.complaint", {"name": "x", "partner_id": self.client_other.id}),
            (
                "insurance.complaint",
                {"name": "x", "partner_id": self.client.id, "lead_id": self.deal_other.id},
            ),
            (
                "insurance.complaint",
                {"name": "x", "partner_id": self.client.id, "policy_id": self.policy_other.id},
            ),
            ("insurance.nps.response", {"partner_id": self.client_other.id, "score": 5}),
            (
                "insurance.discount.approval",
                {
                    "partner_id": self.client_other.id,
                    "lead_id": self.deal_other.id,
                    "discount_requested": 5.0,
                },
            ),
            (
                "crm.lead",
                {"name": "Чужой клиент", "partner_id": self.client_other.id},
            ),
            ("insurance.policy", self._policy_values(partner_id=self.client_other.id)),
        )
        for model, values in attempts:
            Model = self.env[model].with_user(self.user_manager)
            count = Model.sudo().search_count([])
            with self.subTest(model=model, values=values), self.assertRaises(AccessError):
                Model.create(values)
            self.assertEqual(Model.sudo().search_count([]), count, f"{model}: nothing saved")
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.user_manager)
            .search([("id", "=", self.client_other.id)]),
            "the other manager's client did not become visible",
        )
        # re-pointing a record of their own is refused the same way
        for record in (
            self.complaint_own,
            self.nps_own,
            self.deal,
            self.policy_own,
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.user_manager).write({"partner_id": self.client_other.id})
            self.assertEqual(record.partner_id, self.client)
        # the manager's own client is linked as before; the head links anyone
        complaint = (
            self.env["insurance.complaint"]
            .with_user(self.user_manager)
            .create({"name": "Задержка выплаты", "partner_id": self.client.id})
        )
        self.assertEqual(complaint.partner_id, self.client)
        complaint = (
            self.env["insurance.complaint"]
            .with_user(self.user_head)
            .create({"name": "Задержка выплаты", "partner_id": self.client_other.id})
        )
        self.assertEqual(complaint.partner_id, self.client_other)

    def test_compliance_lines_follow_the_deal(self):
        Line = self.env["insurance.compliance.line"]
        own = Line.search([("lead_id", "=", self.deal.id)])
        other = Line.search([("lead_id", "=", self.deal_other.id)])
        self.assertTrue(own and other, "both deals have a checklist")
        visible = Line.with_user(self.user_manager).search([])
        self.assertTrue(own <= visible)
        self.assertFalse(other & visible)
        self.assertTrue(other <= Line.with_user(self.user_accountant).search([]))

    def test_approver_sees_request_but_not_other_clients_of_the_group(self):
        """The company's discount approver (a manager) reads the requests they
        decide, not the related companies or policies they cannot open."""
        holding = self.env["res.partner"].create({"name": "АО «Холдинг»", "is_company": True})
        branch = self.env["res.partner"].create(
            {"name": "ООО «Филиал»", "is_company": True, "parent_id": holding.id}
        )
        sister = self.env["res.partner"].create(
            {"name": "ООО «Сестра»", "is_company": True, "parent_id": holding.id}
        )
        # the sister is manager 2's client; the branch is the requester's client
        self._create_policy(partner_id=sister.id, seller_id=self.user_manager_2.id)
        deal = self.env["crm.lead"].create(
            {
                "name": "Имущество филиала",
                "type": "opportunity",
                "partner_id": branch.id,
                "user_id": self.user_issuer.id,
                "company_id": self.company.id,
            }
        )
        approval = (
            self.env["insurance.discount.approval"]
            .sudo()
            .create(
                {
                    "lead_id": deal.id,
                    "partner_id": branch.id,
                    "requested_by_id": self.user_issuer.id,
                    "approver_id": self.user_manager.id,
                    "discount_requested": 7.0,
                }
            )
        )
        as_approver = approval.with_user(self.user_manager)
        self.assertIn(approval, as_approver.search([]))
        self.assertEqual(as_approver.partner_id.display_name, branch.display_name)
        self.assertIn(holding, as_approver.related_partner_ids)
        self.assertNotIn(sister, as_approver.related_partner_ids)
        self.assertEqual(as_approver.related_partner_count, len(as_approver.related_partner_ids))
        self.assertIn(sister, approval.with_user(self.user_head).related_partner_ids)
        # the form as the web client reads it does not fail
        rows = as_approver.web_read(
            {"related_partner_ids": {"fields": {"name": {}, "city": {}}}, "partner_id": {}}
        )
        self.assertNotIn(sister.id, [row["id"] for row in rows[0]["related_partner_ids"]])
        # a manager who is neither requester, approver nor on the deal sees nothing
        self.assertNotIn(approval, approval.with_user(self.user_manager_2).search([]))

    def test_discount_is_requested_in_own_name_only(self):
        """Otherwise the company's approver could file a request in a
        colleague's name and approve it themselves."""
        Approval = self.env["insurance.discount.approval"]
        count = Approval.search_count([])
        with self.assertRaises(AccessError):
            Approval.with_user(self.user_manager).create(
                {
                    "lead_id": self.deal.id,
                    "partner_id": self.client.id,
                    "requested_by_id": self.user_manager_2.id,
                    "discount_requested": 9.0,
                }
            )
        self.assertEqual(Approval.search_count([]), count)
        own = Approval.with_user(self.user_manager).create(
            {"lead_id": self.deal.id, "partner_id": self.client.id, "discount_requested": 9.0}
        )
        self.assertEqual(own.requested_by_id, self.user_manager)

    def test_decided_approval_cannot_be_changed_by_anyone(self):
        approval = (
            self.env["insurance.discount.approval"]
            .sudo()
            .create(
                {
                    "lead_id": self.deal.id,
                    "partner_id": self.client.id,
                    "requested_by_id": self.user_manager.id,
                    "discount_requested": 12.0,
                    "state": "rejected",
                    "decided_by_id": self.user_head.id,
                    "decision_comment": "Нет",
                }
            )
        )
        for user in (self.user_manager, self.user_head):
            for values in (
                {"state": "approved"},
                {"decision_comment": "Да"},
                {"discount_requested": 5.0},
            ):
                with (
                    self.subTest(user=user.login, values=values),
                    self.assertRaises(
                        UserError  # AccessError is a UserError too
                    ),
                ):
                    approval.with_user(user).write(values)
        self.assertEqual((approval.state, approval.decision_comment), ("rejected", "Нет"))
