from . import res_company
from . import res_config_settings
from . import res_users
from . import res_partner
from . import insurance_name_alias
from . import insurance_policy
from . import crm_lead
