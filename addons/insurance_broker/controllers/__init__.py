from . import dataset
from . import export
from . import rpc
