from . import test_install
from . import test_renewal_cron
from . import test_renewal_assignment
from . import test_renewal_outcome
from . import test_renewal_concurrency
from . import test_policy_import
from . import test_foreign_policy
from . import test_ui
