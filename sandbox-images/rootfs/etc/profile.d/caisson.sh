# Login shells in the sandbox (the terminal tab) start in the user's working folder.
export PS1='\[\e[32m\]sandbox\[\e[0m\]:\[\e[34m\]\w\[\e[0m\]\$ '
