from . import insurance_team_mixin
from . import insurance_product
from . import insurance_commission_rule
from . import insurance_policy
from . import res_partner
from . import crm_lead
