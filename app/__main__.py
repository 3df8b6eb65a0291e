"""python -m app: the same as the nato-records command."""

from app.cli import main

main()
