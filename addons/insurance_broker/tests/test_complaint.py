from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import InsuranceBrokerCommon


@tagged("post_install", "-at_install")
class TestComplaint(InsuranceBrokerCommon):
    """The complaints register: reference, deadline, resolution, who sees what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.client_2 = Partner.create({"name": "Сидоров Сидор", "country_id": cls.country_ru.id})
        cls.deal_2 = cls.env["crm.lead"].create(
            {
                "name": "ОСАГО для Сидорова",
                "type": "opportunity",
                "partner_id": cls.client_2.id,
                "user_id": cls.user_manager_2.id,
                "seller_id": cls.user_manager_2.id,
                "company_id": cls.company.id,
            }
        )
        Complaint = cls.env["insurance.complaint"]
        cls.complaint = Complaint.create(
            {"name": "Опоздал курьер", "partner_id": cls.client.id, "user_id": cls.user_manager.id}
        )
        cls.complaint_2 = Complaint.create(
            {
                "name": "Не перезвонили",
                "partner_id": cls.client_2.id,
                "user_id": cls.user_manager_2.id,
            }
        )

    def test_reference_and_deadline(self):
        self.assertNotEqual(self.complaint.reference, self.complaint_2.reference)
        self.assertTrue(self.complaint.reference.startswith("COMP/"))
        self.assertEqual(self.complaint.date_deadline, self.complaint.date + relativedelta(days=15))
        self.assertFalse(self.complaint.is_overdue)

    def test_overdue(self):
        self.complaint.date_deadline = self._days(-1)
        self.assertTrue(self.complaint.is_overdue)
        Complaint = self.env["insurance.complaint"]
        self.assertIn(self.complaint, Complaint.search([("is_overdue", "=", True)]))
        self.assertNotIn(self.complaint_2, Complaint.search([("is_overdue", "=", True)]))
        self.complaint.resolution = "Извинились"
        self.complaint.action_resolve()
        self.assertFalse(self.complaint.is_overdue)
        self.assertIn(self.complaint, Complaint.search([("is_overdue", "=", False)]))

    def test_resolution_required(self):
        with self.assertRaises(ValidationError):
            self.complaint.action_resolve()
        self.assertEqual(self.complaint.state, "new")
        self.complaint.resolution = "   "
        with self.assertRaises(ValidationError):
            self.complaint.action_resolve()
        self.complaint.resolution = "Полис доставлен, клиенту принесены извинения."
        self.complaint.action_resolve()
        self.assertEqual(self.complaint.state, "resolved")
        self.assertEqual(self.complaint.date_closed, self.today)

    def test_reject_and_reopen(self):
        self.complaint.action_start()
        self.assertEqual(self.complaint.state, "in_progress")
        self.complaint.action_reject()
        self.assertEqual(self.complaint.date_closed, self.today)
        with self.assertRaises(UserError):
            self.complaint.action_resolve()
        self.complaint.action_reopen()
        self.assertEqual(self.complaint.state, "in_progress")
        self.assertFalse(self.complaint.date_closed)

    def test_manager_sees_only_their_complaints(self):
        Complaint = self.env["insurance.complaint"].with_user(self.user_manager)
        self.assertEqual(Complaint.search([]), self.complaint)
        with self.assertRaises(AccessError):
            self.complaint_2.with_user(self.user_manager).read(["name"])

    def test_manager_sees_complaints_on_their_clients(self):
        # about nobody, on the manager's client (the client of their deal)
        on_client = self.env["insurance.complaint"].create(
            {"name": "Общая жалоба", "partner_id": self.client.id}
        )
        found = self.env["insurance.complaint"].with_user(self.user_manager).search([])
        self.assertIn(on_client, found)
        self.assertNotIn(
            on_client, self.env["insurance.complaint"].with_user(self.user_manager_2).search([])
        )

    def test_manager_sees_complaints_they_created(self):
        created = (
            self.env["insurance.complaint"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "Записал сам",
                    "partner_id": self.client.id,
                    "user_id": self.user_issuer.id,
                }
            )
        )
        self.assertIn(
            created, self.env["insurance.complaint"].with_user(self.user_manager).search([])
        )

    def test_head_and_accountant_see_all(self):
        for user in (self.user_head, self.user_accountant):
            found = self.env["insurance.complaint"].with_user(user).search([])
            self.assertIn(self.complaint, found)
            self.assertIn(self.complaint_2, found)

    def test_other_company_hidden(self):
        other = self.env["res.company"].create({"name": "Другой брокер"})
        hidden = self.env["insurance.complaint"].create(
            {"name": "Чужая", "partner_id": self.client.id, "company_id": other.id}
        )
        self.assertNotIn(
            hidden, self.env["insurance.complaint"].with_user(self.user_head).search([])
        )

    def test_report_by_manager(self):
        self.complaint_2.resolution = "Перезвонили"
        self.complaint_2.action_resolve()
        groups = self.env["insurance.complaint"]._read_group(
            [("id", "in", (self.complaint | self.complaint_2).ids)],
            ["user_id", "state"],
            ["__count"],
        )
        self.assertEqual(
            set(groups),
            {(self.user_manager, "new", 1), (self.user_manager_2, "resolved", 1)},
        )

    def test_smart_buttons(self):
        policy = self._create_policy()
        self.complaint.policy_id = policy
        self.assertEqual(self.client.complaint_count, 1)
        self.assertEqual(policy.complaint_count, 1)
        contact = self.env["res.partner"].create({"name": "Жена", "parent_id": self.client.id})
        self.env["insurance.complaint"].create({"name": "От жены", "partner_id": contact.id})
        self.client.invalidate_recordset(["complaint_count"])
        self.assertEqual(self.client.complaint_count, 2)
        action = self.client.action_view_complaints()
        self.assertEqual(
            self.env["insurance.complaint"].search(action["domain"]).partner_id,
            self.client | contact,
        )
        action = policy.action_view_complaints()
        self.assertEqual(self.env["insurance.complaint"].search(action["domain"]), self.complaint)
