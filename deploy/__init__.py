"""What an operator needs to run the site on one Debian machine; local_stack.py runs it on loopback."""
