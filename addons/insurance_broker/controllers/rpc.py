from odoo.http import request, route

from odoo.addons.base.controllers.rpc import RPC

from ..models.res_users import EXTERNAL_API


class InsuranceRPC(RPC):
    """Mark the external API calls: Odoo hides the HTTP request while it
    dispatches them, so the credential check could not tell them apart from
    server-side code."""

    def _xmlrpc(self, service):
        token = EXTERNAL_API.set(request.httprequest.remote_addr or True)
        try:
            return super()._xmlrpc(service)
        finally:
            EXTERNAL_API.reset(token)

    @route()
    def jsonrpc(self, service, method, args):
        token = EXTERNAL_API.set(request.httprequest.remote_addr or True)
        try:
            return super().jsonrpc(service, method, args)
        finally:
            EXTERNAL_API.reset(token)
