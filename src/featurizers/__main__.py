from featurizers.tooling.cli import main

raise SystemExit(main())
