from . import insurance_sales_plan
from . import insurance_pay_scheme
from . import insurance_pay_scheme_line
from . import insurance_pay_statement
from . import insurance_pay_statement_line
from . import insurance_kpi_dashboard
from . import insurance_kpi_alert
