from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Managers of a database installed before the security rules keep the
    groups the old role gave them: the export right of the default user and
    "Sales: all documents". Take both back from plain managers."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    manager = env.ref("insurance_broker.group_broker_manager")
    keep = (
        env.ref("insurance_broker.group_broker_head")
        | env.ref("insurance_broker.group_broker_accountant")
        | env.ref("sales_team.group_sale_manager")
        | env.ref("base.group_erp_manager")
    )
    plain_managers = manager.users.filtered(lambda user: not (user.groups_id & keep))
    plain_managers.write(
        {
            "groups_id": [
                (3, env.ref("base.group_allow_export").id),
                (3, env.ref("sales_team.group_sale_salesman_all_leads").id),
            ]
        }
    )
