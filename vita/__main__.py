import sys

from vita.cli.main import main

sys.exit(main())
