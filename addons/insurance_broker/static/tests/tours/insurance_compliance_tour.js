/** @odoo-module **/

/**
 * A manager on a phone opens a deal whose only missing compliance item is a
 * manual one, ticks it on the deal's «Compliance» page and sees the checklist
 * complete. Data: tests/test_ui.py (TestComplianceUiMobile).
 */

import { registry } from "@web/core/registry";

const CHECK = "Тур: анкета клиента подписана";
const LINES = ".o_form_view .o_field_widget[name=compliance_line_ids]";

registry.category("web_tour.tours").add("insurance_compliance_tour_mobile", {
    steps: () => [
        {
            content: "The deal is open",
            trigger: ".o_form_view .o_field_widget[name=name] textarea:value('Тур: комплаенс')",
        },
        {
            content: "Open the Compliance page",
            trigger: ".o_form_view .o_notebook .nav-link[name=compliance]",
            run: "click",
        },
        {
            content: "The deal cannot be won until the item is ticked",
            trigger: `.o_form_view .alert-warning .o_field_widget[name=compliance_missing]:contains('${CHECK}')`,
        },
        {
            content: "Tick the manual item",
            trigger: `${LINES} .o_kanban_record:contains('${CHECK}') button[name=action_tick]`,
            run: "click",
        },
        {
            content: "The item is ticked",
            trigger: `${LINES} .o_kanban_record:contains('${CHECK}') button[name=action_untick]`,
        },
        {
            content: "Every compliance check is satisfied",
            trigger: ".o_form_view .alert-success:not(:has(.o_field_widget[name=compliance_missing]))",
        },
        {
            trigger: ".o_form_view:not(:has(.alert-warning))",
        },
    ],
});
