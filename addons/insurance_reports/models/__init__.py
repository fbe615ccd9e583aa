# First the tables and columns that the SQL views of report/ read: the models
# below import report/, which defines those views' models.
from . import insurance_claim
from . import res_company
from . import res_partner
from . import insurance_sales_plan
from . import insurance_pay_scheme
from . import insurance_pay_scheme_line
from . import insurance_pay_statement
from . import insurance_pay_statement_line
from . import insurance_kpi_dashboard
from . import insurance_kpi_alert
from . import insurance_policy
from . import crm_lead
from . import res_config_settings
