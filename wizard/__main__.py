import sys

from wizard.main import main

sys.exit(main())
