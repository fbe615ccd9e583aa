from odoo.tests import HttpCase, tagged

from .test_dashboard_browser import READY

ACTIONS = [
    "insurance_manager_load_report_action",
    "insurance_lead_source_report_action",
    "insurance_product_demand_report_action",
    "insurance_lost_deal_report_action",
    "insurance_pilot_report_action",
    "insurance_team_region_report_action",
    "insurance_plan_dynamics_report_action",
    "insurance_data_quality_report_action",
]

OPENS_PIVOT = """
document.querySelector('.o_kpi_plan_dynamics').click();
const started = Date.now();
const timer = setInterval(() => {
    const headers = [...document.querySelectorAll('.o_pivot thead th')].map((th) => th.textContent);
    if (document.querySelector('.o_pivot table') && headers.length > 1) {
        clearInterval(timer);
        console.log('test successful');
    } else if (Date.now() - started > 30000) {
        clearInterval(timer);
        console.error('the plan dynamics pivot did not open from the dashboard');
    }
}, 200);
"""


@tagged("post_install", "-at_install")
class TestAnalyticsBrowser(HttpCase):
    def test_dashboard_opens_plan_dynamics(self):
        """The head of sales goes from the dashboard to the plan dynamics pivot
        (its default filter, the last 6 months, is evaluated by the browser)."""
        if not self.env["res.users"].search_count([("login", "=", "head")]):
            self.skipTest("needs the demo users")
        action = self.env.ref("insurance_reports.insurance_kpi_dashboard_action")
        self.browser_js(f"/odoo/action-{action.id}", OPENS_PIVOT, ready=READY, login="head")


@tagged("post_install", "-at_install")
class TestAnalyticsPhone(HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_reports_open_on_a_phone(self):
        """A manager opens every analytics report on a phone: a graph (a list
        for the load) with their own figures, without a browser error."""
        if not self.env["res.users"].search_count([("login", "=", "manager1")]):
            self.skipTest("needs the demo users")
        for xmlid in ACTIONS:
            with self.subTest(action=xmlid):
                action = self.env.ref(f"insurance_reports.{xmlid}")
                self.browser_js(
                    f"/odoo/action-{action.id}",
                    "console.log('test successful')",
                    ready="!!document.querySelector('.o_graph_renderer canvas, .o_list_renderer')",
                    login="manager1",
                )
