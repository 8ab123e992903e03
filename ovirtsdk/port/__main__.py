"""``python -m ovirtsdk.port [-w] PATH...``: see ``ovirtsdk.port``."""
import sys

from ovirtsdk.port import main

sys.exit(main())
