/** @odoo-module **/

/**
 * During a call a manager records a policy the client holds elsewhere, from
 * the client card: «Add Foreign Policy», insurer, product, end date, premium,
 * save. Runs on desktop and on a phone (many2one pickers open as kanban
 * dialogs there). The data is created by tests/test_ui.py.
 */

import { registry } from "@web/core/registry";

const INSURER = "Tour Foreign Insurer";
const PRODUCT = "Tour Foreign KASKO";
const DIALOG = ".modal:not(.o_inactive_modal)";

function pickSteps(field, name) {
    return [
        {
            isActive: ["desktop"],
            content: `Type ${name}`,
            trigger: `${DIALOG} .o_field_widget[name=${field}] input`,
            run: `edit ${name}`,
        },
        {
            isActive: ["desktop"],
            content: `Pick ${name}`,
            trigger: `.o-autocomplete--dropdown-item a:contains('${name}')`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Open the ${field} picker`,
            trigger: `${DIALOG} .o_field_widget[name=${field}] input`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Pick ${name}`,
            trigger: `${DIALOG} .o_kanban_record:contains('${name}')`,
            run: "click",
        },
        {
            content: `${name} is set`,
            trigger: `${DIALOG} .o_field_widget[name=${field}] input:value('${name}')`,
        },
    ];
}

function entrySteps() {
    return [
        {
            content: "The client card is open",
            trigger: ".o_form_view .o_field_widget[name=name] input:value('Tour Foreign Client')",
        },
        {
            content: "Open the Insurance page",
            trigger: ".o_form_view .o_notebook .nav-link[name=insurance]",
            run: "click",
        },
        {
            content: "Add a foreign policy",
            trigger: ".o_form_view button[name=action_add_foreign_policy]",
            run: "click",
        },
        {
            content: "The quick entry opens with the client set",
            trigger: `${DIALOG} .o_field_widget[name=partner_id] input:value('Tour Foreign Client')`,
        },
        ...pickSteps("insurer_id", INSURER),
        ...pickSteps("product_id", PRODUCT),
        {
            content: "Type the end date",
            trigger: `${DIALOG} .o_field_widget[name=date_end] input`,
            run: "edit 31.03.2027",
        },
        {
            content: "Type the premium",
            trigger: `${DIALOG} .o_field_widget[name=premium] input`,
            run: "edit 9500",
        },
        {
            content: "Save",
            trigger: `${DIALOG} button[name=action_save]`,
            run: "click",
        },
        {
            content: "The client card lists the foreign policy",
            trigger: `.o_form_view .o_field_widget[name=policy_ids] :contains('${PRODUCT}')`,
        },
        {
            // on a phone the smart buttons are folded away
            isActive: ["desktop"],
            content: "The client card counts the foreign policy",
            trigger: ".o_form_view button[name=action_view_foreign_policies]:contains(1)",
        },
    ];
}

registry.category("web_tour.tours").add("insurance_foreign_policy_entry_tour", {
    steps: entrySteps,
});
