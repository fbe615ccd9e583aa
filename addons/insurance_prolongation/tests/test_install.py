from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The skeleton installs on top of the models the renewals will use."""

    def test_installed_with_dependencies(self):
        module = self.env["ir.module.module"].search([("name", "=", "insurance_prolongation")])
        self.assertEqual(module.state, "installed")
        dependencies = module.dependencies_id.depend_id
        self.assertIn("insurance_broker", dependencies.mapped("name"))
        self.assertEqual(set(dependencies.mapped("state")), {"installed"})

        # Renewals will read policies and their end dates, create renewal
        # deals and schedule activities on them.
        Policy = self.env["insurance.policy"]
        self.assertIn("date_end", Policy._fields)
        self.assertIn("renewed", dict(Policy._fields["state"].selection))
        self.assertIn("policy_ids", self.env["crm.lead"]._fields)
        self.assertIn("mail.activity", self.env)
        self.assertIn("ir.cron", self.env)
