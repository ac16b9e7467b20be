"""Published results of the shipped evaluation forms, as plain data for every public door.

SAKIP grades (``sakip``), the SPBE index with its domains and aspects (``spbe``) and the SPM
achievement per basic service (``spm``), read from published submissions only and only their
public answers. The public pages (``home``), REST and GraphQL all call these functions, so a
page and the API cannot disagree. Bands are read on exact values; ``shown`` rounds for display.
"""

from .common import shown
from .sakip import SakipResults, sakip_results
from .spbe import SpbeResults, spbe_results
from .spm import SpmResults, spm_results

__all__ = ["SakipResults", "SpbeResults", "SpmResults", "sakip_results", "shown", "spbe_results", "spm_results"]
