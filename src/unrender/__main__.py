from unrender.launcher import main

main()
