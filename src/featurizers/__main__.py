from featurizers.cli.main import main

raise SystemExit(main())
