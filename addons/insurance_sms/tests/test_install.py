from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The skeleton installs on top of the models the SMS features will use."""

    def test_installed_with_dependencies(self):
        module = self.env["ir.module.module"].search([("name", "=", "insurance_sms")])
        self.assertEqual(module.state, "installed")
        dependencies = module.dependencies_id.depend_id
        self.assertLessEqual(
            {"insurance_broker", "sms", "base_automation"}, set(dependencies.mapped("name"))
        )
        self.assertEqual(set(dependencies.mapped("state")), {"installed"})

        # The SMS provider will override sms.sms._send; messages will be sent on
        # deal stage changes (base.automation) and before policies expire.
        self.assertTrue(callable(getattr(self.env["sms.sms"], "_send", None)))
        self.assertIn("base.automation", self.env)
        self.assertIn("date_end", self.env["insurance.policy"]._fields)
        self.assertIn("mobile", self.env["res.partner"]._fields)
