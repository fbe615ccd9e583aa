from . import test_install
from . import test_register
from . import test_sales_plan
from . import test_pay
from . import test_kpi_dashboard
from . import test_register_http
from . import test_dashboard_browser
