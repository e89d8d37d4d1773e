from unrender.cli import main

main()
