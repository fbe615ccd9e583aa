from odoo.tests import HttpCase, tagged

READY = (
    "document.querySelectorAll('.o_insurance_kpi_dashboard .o_kpi_chart canvas').length === 4"
    " && document.querySelectorAll('.o_kpi_card').length === 3"
    " && document.querySelectorAll('.o_kpi_control_card').length >= 7"
)
# On a phone the control cards stack in one column: same left edge, full width.
ONE_COLUMN = """
const cards = [...document.querySelectorAll('.o_kpi_control_card')].map(
    (card) => card.getBoundingClientRect());
if (cards.some((box) => box.left !== cards[0].left || box.width < window.innerWidth * 0.8)) {
    console.error('control cards are not in one column on a phone');
} else {
    console.log('test successful');
}
"""


@tagged("post_install", "-at_install")
class TestDashboardDesktop(HttpCase):
    """The head of sales opens the dashboard: cards and the four charts draw
    without a browser error (demo user head)."""

    def test_dashboard_renders(self):
        if not self.env["res.users"].search_count([("login", "=", "head")]):
            self.skipTest("needs the demo users")
        action = self.env.ref("insurance_reports.insurance_kpi_dashboard_action")
        self.browser_js(
            f"/odoo/action-{action.id}", "console.log('test successful')", ready=READY, login="head"
        )


@tagged("post_install", "-at_install")
class TestDashboardPhone(HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_dashboard_renders_on_a_phone(self):
        if not self.env["res.users"].search_count([("login", "=", "manager1")]):
            self.skipTest("needs the demo users")
        action = self.env.ref("insurance_reports.insurance_kpi_dashboard_action")
        self.browser_js(f"/odoo/action-{action.id}", ONE_COLUMN, ready=READY, login="manager1")
