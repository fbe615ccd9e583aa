from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The skeleton installs on top of the models the reports will read."""

    def test_installed_with_dependencies(self):
        module = self.env["ir.module.module"].search([("name", "=", "insurance_reports")])
        self.assertEqual(module.state, "installed")
        dependencies = module.dependencies_id.depend_id
        self.assertIn("insurance_broker", dependencies.mapped("name"))
        self.assertEqual(set(dependencies.mapped("state")), {"installed"})

        # The register, pay and KPI reports aggregate policies by seller and
        # issuer, premium and commission.
        Policy = self.env["insurance.policy"]
        for fname in ("seller_id", "issuer_id", "premium", "commission_amount", "date_sale"):
            self.assertIn(fname, Policy._fields)
        self.assertIn("insurance.commission.rule", self.env)
