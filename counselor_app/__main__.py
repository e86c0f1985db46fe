from counselor_app.cli import main

raise SystemExit(main())
