from . import insurance_foreign_policy_entry
from . import insurance_policy_import_column
from . import insurance_policy_import_name
from . import insurance_policy_import_line
from . import insurance_policy_import
