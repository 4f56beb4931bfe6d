import sys

from selfeval.cli import main

sys.exit(main())
